package org.stationd.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A config file's text: UTF-8 and of a sane size, or one error at file:line:column saying what to
 * do (an editor that saved Latin-1 or UTF-16 gets told where the first foreign byte is).
 */
final class ConfigText {
    /** Far above any real stations.yaml; also the YAML reader's own limit, in code points. */
    static final int MAX_BYTES = 3 * 1024 * 1024;

    private ConfigText() {}

    static String read(Path file) throws ConfigException {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw error(file, 0, 0, "cannot read: it is a folder, not a file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw error(file, 1, 1, "the file is " + size / (1024 * 1024) + " MB; stations.yaml is at most " + MAX_BYTES / (1024 * 1024) + " MB");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw error(file, 0, 0, "cannot read: no such file");
        } catch (AccessDeniedException e) {
            throw error(file, 0, 0, "cannot read: permission denied");
        } catch (IOException e) {
            throw error(file, 0, 0, "cannot read: " + e.getMessage());
        }
        return decode(file, bytes);
    }

    private static String decode(Path file, byte[] bytes) throws ConfigException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = utf8.decode(in, out, true);
        if (!result.isError()) {
            result = utf8.flush(out);
        }
        out.flip();
        if (result.isError()) {
            // the decoder stopped at the first bad byte: what it decoded so far gives its line and column
            String before = out.toString();
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - before.lastIndexOf('\n');
            throw error(file, line, column, String.format("not UTF-8 text (byte 0x%02X here): save the file as UTF-8", bytes[in.position()] & 0xff));
        }
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;   // a byte-order mark some editors write
    }

    private static ConfigException error(Path file, int line, int column, String message) {
        return new ConfigException(List.of(new ConfigError(file.toString(), line, column, "", message)));
    }
}

package org.stationd.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One version of a program's script: what an engine compiles. The hash tells versions apart, so
 * a reload of an unchanged file can be skipped and compiled code shared between stations.
 *
 * @param name     the program's name: the file name without extension ({@code playlist})
 * @param language by extension: {@code .groovy} or {@code .js}
 * @param path     where it was read from; error messages use its file name
 * @param text     the script
 * @param hash     SHA-256 of the text, lower-case hex
 */
public record ProgramSource(String name, Language language, Path path, String text, String hash) {
    public ProgramSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(hash, "hash");
    }

    /** Reads a program file (UTF-8). */
    public static ProgramSource read(Path file) throws IOException {
        return of(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    /** A program from text, as if read from {@code file} (tests, {@code check} of unsaved text). */
    public static ProgramSource of(Path file, String text) {
        String fileName = file.getFileName().toString();
        Language language = Language.ofFileName(fileName);
        String name = fileName.substring(0, fileName.length() - language.extension().length());
        return new ProgramSource(name, language, file, text, sha256(text));
    }

    public static ProgramSource of(String fileName, String text) {
        return of(Path.of(fileName), text);
    }

    /** The file name error messages and stack traces show: {@code playlist.groovy}. */
    public String fileName() {
        return path.getFileName().toString();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return fileName() + " (" + language + ", " + hash.substring(0, 12) + ")";
    }
}

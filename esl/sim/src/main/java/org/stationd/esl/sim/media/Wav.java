package org.stationd.esl.sim.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Just enough RIFF/WAVE: read a file's length from its header, write PCM silence of a given length. */
public final class Wav {
    private Wav() {}

    /** Duration in milliseconds from the header (fmt + data chunks), or -1 if the file is not a readable WAV. */
    public static long durationMillis(Path file) {
        long[] fr = frames(file);
        return fr == null ? -1 : fr[0] * 1000 / fr[1];
    }

    /** Length in samples at 8 kHz (the channel rate), or -1. */
    public static long samples8k(Path file) {
        long[] fr = frames(file);
        return fr == null ? -1 : fr[0] * 8000 / fr[1];
    }

    /** {frames, rate} from the header, or null. */
    private static long[] frames(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(12);
            if (head.length < 12 || !"RIFF".equals(new String(head, 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
                    || !"WAVE".equals(new String(head, 8, 4, java.nio.charset.StandardCharsets.US_ASCII))) {
                return null;
            }
            int rate = 0;
            int blockAlign = 0;
            while (true) {
                byte[] ch = in.readNBytes(8);
                if (ch.length < 8) {
                    return null;
                }
                String id = new String(ch, 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
                long size = ByteBuffer.wrap(ch, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
                if (id.equals("fmt ")) {
                    byte[] fmt = in.readNBytes((int) Math.min(size, 64));
                    ByteBuffer b = ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN);
                    rate = b.getInt(4);
                    blockAlign = b.getShort(12) & 0xffff;
                    in.skipNBytes(size - fmt.length + (size & 1));
                } else if (id.equals("data")) {
                    if (rate <= 0 || blockAlign <= 0) {
                        return null;
                    }
                    return new long[] {size / blockAlign, rate};
                } else {
                    in.skipNBytes(size + (size & 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Writes 8 kHz mono 16-bit silence of the given length (recordings, test prompts). */
    public static void writeSilence(Path file, long millis) throws IOException {
        writeSilence(file, millis, 8000);
    }

    public static void writeSilence(Path file, long millis, int rate) throws IOException {
        writeSilenceFrames(file, millis * rate / 1000, rate);
    }

    /** Writes {@code frames} samples of mono 16-bit silence at {@code rate}. */
    public static void writeSilenceFrames(Path file, long frames, int rate) throws IOException {
        long dataBytes = frames * 2;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
            h.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            h.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                    .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16);
            h.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
            out.write(h.array());
            byte[] zeros = new byte[8192];
            long left = dataBytes;
            while (left > 0) {
                int n = (int) Math.min(zeros.length, left);
                out.write(zeros, 0, n);
                left -= n;
            }
        }
    }
}

package org.stationd.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** 16-bit PCM mono WAV files: what FreeSWITCH plays at 8 kHz. */
public final class Wav {
    public static final int RATE = 8000;

    private Wav() {}

    public static void write(Path file, short[] samples, int rate) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples.length * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(samples.length * 2);
        for (short s : samples) {
            b.putShort(s);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, b.array());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A melody of equal notes with short fades, so it sounds like music rather than a beep. */
    public static short[] melody(double seconds, int[] notes) {
        int n = (int) Math.round(seconds * RATE);
        short[] out = new short[n];
        int per = Math.max(1, n / Math.max(1, notes.length));
        for (int i = 0; i < n; i++) {
            int note = notes[Math.min(notes.length - 1, i / per)];
            int pos = i % per;
            double env = Math.min(1.0, Math.min(pos, per - pos) / (0.02 * RATE));
            out[i] = (short) (Math.sin(2 * Math.PI * note * i / RATE) * 8000 * env);
        }
        return out;
    }

    /** Reads a PCM WAV's samples (any rate, mono or first channel) and resamples to 8 kHz. */
    public static short[] readAs8k(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int rate = RATE;
        int channels = 1;
        b.position(12);
        while (b.remaining() >= 8) {
            String id = new String(new byte[] {b.get(), b.get(), b.get(), b.get()});
            int size = b.getInt();
            if (id.equals("fmt ")) {
                int start = b.position();
                b.getShort();
                channels = b.getShort();
                rate = b.getInt();
                b.position(start + size);
            } else if (id.equals("data")) {
                int count = Math.min(size, b.remaining()) / (2 * channels);
                short[] src = new short[count];
                for (int i = 0; i < count; i++) {
                    src[i] = b.getShort();
                    for (int c = 1; c < channels; c++) b.getShort();
                }
                return resample(src, rate);
            } else {
                b.position(b.position() + size + (size & 1));
            }
        }
        throw new IOException(file + " has no data chunk");
    }

    private static short[] resample(short[] src, int rate) {
        if (rate == RATE) {
            return src;
        }
        int n = (int) ((long) src.length * RATE / rate);
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            double pos = (double) i * rate / RATE;
            int j = (int) pos;
            double f = pos - j;
            int a = src[Math.min(j, src.length - 1)];
            int c = src[Math.min(j + 1, src.length - 1)];
            out[i] = (short) (a + (c - a) * f);
        }
        return out;
    }
}

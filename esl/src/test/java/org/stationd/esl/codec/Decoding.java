package org.stationd.esl.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.stationd.esl.testing.RawFrame;

/** Test helpers: run the decoder over bytes and compare its frames with the independent reading. */
final class Decoding {
    private Decoding() {}

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Frames of a complete stream through {@link EslFrameDecoder#decodeOne}; fails if bytes are left over. */
    static List<EslFrame> decodeAll(byte[] stream) {
        EslFrameDecoder decoder = new EslFrameDecoder();
        ByteBuf in = Unpooled.wrappedBuffer(stream);
        List<EslFrame> frames = new ArrayList<>();
        EslFrame f;
        while ((f = decoder.decodeOne(in)) != null) {
            frames.add(f);
        }
        assertFalse(decoder.midFrame(in), "stream ends inside a frame");
        assertEquals(stream.length, decoder.consumedBytes(), "consumed bytes");
        return frames;
    }

    /**
     * Feeds {@code stream} to a fresh decoder in an EmbeddedChannel, in reads of the sizes {@code chunk}
     * returns; every other read is a direct buffer, as a socket's are (the decoder gathers them on the heap).
     */
    static List<EslFrame> decodeInChunks(byte[] stream, IntUnaryOperator chunk) {
        EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder());
        int pos = 0;
        boolean direct = false;
        while (pos < stream.length) {
            int n = Math.min(chunk.applyAsInt(pos), stream.length - pos);
            ch.writeInbound(direct ? Unpooled.directBuffer(n).writeBytes(stream, pos, n) : Unpooled.wrappedBuffer(stream, pos, n));
            direct = !direct;
            pos += n;
        }
        return drain(ch);
    }

    /** Two reads, split at {@code at}. */
    static List<EslFrame> decodeSplit(byte[] stream, int from, int to, int at) {
        EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(stream, from, at - from));
        ch.writeInbound(Unpooled.wrappedBuffer(stream, at, to - at));
        return drain(ch);
    }

    static List<EslFrame> drain(EmbeddedChannel ch) {
        List<EslFrame> frames = new ArrayList<>();
        Object m;
        while ((m = ch.readInbound()) != null) {
            frames.add((EslFrame) m);
        }
        assertFalse(ch.finish(), "nothing may be emitted at end of stream");
        return frames;
    }

    /** Bytes the decoder holds in its cumulation buffer (ByteToMessageDecoder#actualReadableBytes). */
    static int retainedBytes(ByteToMessageDecoder decoder) {
        try {
            Method m = ByteToMessageDecoder.class.getDeclaredMethod("actualReadableBytes");
            m.setAccessible(true);
            return (int) m.invoke(decoder);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read the decoder's cumulation", e);
        }
    }

    static void assertFrames(List<RawFrame> expected, List<EslFrame> actual, String context) {
        assertEquals(expected.size(), actual.size(), () -> context + ": frame count");
        for (int i = 0; i < expected.size(); i++) {
            assertFrame(expected.get(i), actual.get(i), context + " frame " + i);
        }
    }

    /** Same position, same outer headers in the same order (values as sent) and the same body bytes. */
    static void assertFrame(RawFrame expected, EslFrame actual, String context) {
        if (expected.offset() != actual.offset()
                || !expected.headers().equals(new ArrayList<>(actual.rawHeaders().entrySet()))
                || !java.util.Arrays.equals(expected.body(), actual.body())) {
            assertEquals(expected.offset(), actual.offset(), () -> context + ": offset");
            assertEquals(expected.headers(), new ArrayList<Map.Entry<String, String>>(actual.rawHeaders().entrySet()), () -> context + ": headers");
            assertArrayEquals(expected.body(), actual.body(), () -> context + ": body");
            fail(context + ": differs");
        }
    }
}

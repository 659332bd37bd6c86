package org.stationd.esl.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.esl.codec.Decoding.retainedBytes;
import static org.stationd.esl.codec.Decoding.utf8;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bytes that are not an Event Socket stream: one EslProtocolException naming the offset, then silence. */
class MalformedInputTest {
    /** A valid frame before the bad one, so offsets are not trivially zero. */
    static final String GOOD = "Content-Type: auth/request\n\n";
    static final int AT = GOOD.length();

    /** name, bad frame, offset of the fault from the start of the bad frame. */
    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("api/response without Content-Length", "Content-Type: api/response\n\n+OK\n", 0),
                Arguments.of("event without Content-Length", "Content-Type: text/event-plain\n\nEvent-Name: X\n\n", 0),
                Arguments.of("non-numeric Content-Length", "Content-Type: api/response\nContent-Length: 12a\n\n+OK\n", 0),
                Arguments.of("hex Content-Length", "Content-Type: api/response\nContent-Length: 0x10\n\n", 0),
                Arguments.of("empty Content-Length", "Content-Type: api/response\nContent-Length: \n\n", 0),
                Arguments.of("signed Content-Length", "Content-Length: +4\nContent-Type: text/event-plain\n\n", 0),
                Arguments.of("negative Content-Length", "Content-Length: -5\nContent-Type: text/event-plain\n\n", 0),
                Arguments.of("Content-Length over int", "Content-Length: 4294967296\nContent-Type: text/event-plain\n\n", 0),
                Arguments.of("Content-Length over long", "Content-Length: 99999999999999999999999\nContent-Type: api/response\n\n", 0),
                Arguments.of("Content-Length over the body limit", "Content-Type: api/response\nContent-Length: 16777217\n\n", 0),
                Arguments.of("header line without colon", "Content-Type: command/reply\nGarbage-Line-Without-Colon\n\n", 28),
                Arguments.of("header line with empty name", "Content-Type: command/reply\n: +OK\n\n", 28),
                Arguments.of("control byte in header name", "Content-Type: command/reply\nReply\u0001Text: +OK\n\n", 33),
                Arguments.of("space in header name", "Content Type: command/reply\n\n", 7),
                Arguments.of("DEL in header name", "Content-Type\u007f: command/reply\n\n", 12),
                Arguments.of("non-ASCII header name", "Content-Typé: command/reply\n\n", 11),
                Arguments.of("missing Content-Type", "Reply-Text: +OK accepted\n\n", 0),
                Arguments.of("empty Content-Type", "Content-Length: 3\nContent-Type: \n\nabc", 0),
                Arguments.of("HTTP instead of ESL", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void embeddedChannelRaisesOnceThenDiscards(String name, String bad, int faultAt) {
        EslFrameDecoder decoder = new EslFrameDecoder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        byte[] input = utf8(GOOD + bad + GOOD);

        EslProtocolException e = assertThrows(EslProtocolException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(input)));
        assertOffset(AT + faultAt, e);
        EslFrame first = ch.readInbound();
        assertEquals(ContentType.AUTH_REQUEST, first.contentType(), "the frame before the fault is delivered");
        assertNull(ch.readInbound(), "nothing after the fault");
        assertEquals(0, retainedBytes(decoder));

        assertFalse(ch.writeInbound(Unpooled.wrappedBuffer(utf8(GOOD + GOOD))), "later input is discarded");
        assertNull(ch.readInbound());
        assertEquals(0, retainedBytes(decoder));
        assertFalse(ch.finish());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void byteByByteReachesTheSameVerdict(String name, String bad, int faultAt) {
        List<Throwable> caught = new ArrayList<>();
        List<Object> frames = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder(), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                frames.add(msg);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                caught.add(cause);
            }
        });
        for (byte b : utf8(GOOD + bad + GOOD)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertEquals(1, caught.size(), "exactly one exception");
        assertOffset(AT + faultAt, (EslProtocolException) caught.getFirst());
        assertEquals(1, frames.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void decodeOneWithoutNetty(String name, String bad, int faultAt) {
        EslFrameDecoder decoder = new EslFrameDecoder();
        ByteBuf in = Unpooled.wrappedBuffer(utf8(GOOD + bad));
        assertEquals(ContentType.AUTH_REQUEST, decoder.decodeOne(in).contentType());
        assertOffset(AT + faultAt, assertThrows(EslProtocolException.class, () -> decoder.decodeOne(in)));
    }

    private static void assertOffset(long expected, EslProtocolException e) {
        assertEquals(expected, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains("offset " + expected), e.getMessage());
    }

    @Test
    void headerBlockOverTheConfiguredLimit() {
        String pad = "X-Pad: " + "a".repeat(200) + "\n";
        EslFrameDecoder decoder = new EslFrameDecoder(128, 1024);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        EslProtocolException e = assertThrows(EslProtocolException.class,
                () -> ch.writeInbound(Unpooled.wrappedBuffer(utf8(GOOD + "Content-Type: command/reply\n" + pad + "\n"))));
        assertOffset(AT, e);
        assertTrue(e.getMessage().contains("128"), e.getMessage());
        assertEquals(0, retainedBytes(decoder));
    }

    /** Without a blank line the decoder gives up at the limit instead of buffering forever. */
    @Test
    void endlessHeaderBlockFailsAtTheLimitNotLater() {
        EslFrameDecoder decoder = new EslFrameDecoder(128, 1024);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(Unpooled.wrappedBuffer(utf8(GOOD)));
        int written = 0;
        EslProtocolException failure = null;
        while (failure == null && written < 10_000) {
            try {
                ch.writeInbound(Unpooled.wrappedBuffer(utf8("X-Header: 0123456789\n")));   // 21 bytes, never a blank line
                written += 21;
                assertTrue(retainedBytes(decoder) <= 128 + 1, "retained " + retainedBytes(decoder));
            } catch (EslProtocolException e) {
                failure = e;
                written += 21;
            }
        }
        assertTrue(failure != null && written <= 128 + 2 + 21, "failed after " + written + " bytes");
        assertOffset(AT, failure);
        assertEquals(0, retainedBytes(decoder));
    }

    /** Accepting a frame must not depend on how reads split it, also right at the header limit. */
    @Test
    void headerBlockExactlyAtTheLimitIsAcceptedHoweverItArrives() {
        int max = 128;
        for (int size = max - 2; size <= max + 4; size++) {
            String head = "Content-Type: command/reply\nX-Pad: ";
            String block = head + "a".repeat(size - head.length() - 2) + "\n\n";
            assertEquals(size, block.length());
            Boolean whole = accepts(block, max, block.length());
            for (int chunk = 1; chunk < block.length(); chunk++) {
                assertEquals(whole, accepts(block, max, chunk), "block of " + size + " bytes in reads of " + chunk);
            }
            assertEquals(size <= max + 2, whole, "block of " + size + " bytes");
        }
    }

    private static boolean accepts(String block, int max, int chunk) {
        EmbeddedChannel ch = new EmbeddedChannel(new EslFrameDecoder(max, 1024));
        byte[] bytes = utf8(block);
        try {
            for (int pos = 0; pos < bytes.length; pos += chunk) {
                ch.writeInbound(Unpooled.wrappedBuffer(bytes, pos, Math.min(chunk, bytes.length - pos)));
            }
        } catch (EslProtocolException e) {
            return false;
        }
        assertTrue(ch.readInbound() instanceof EslFrame);
        return true;
    }

    @Test
    void bodyLimitIsInclusive() {
        EmbeddedChannel ok = new EmbeddedChannel(new EslFrameDecoder(128, 1024));
        ok.writeInbound(Unpooled.wrappedBuffer(utf8(Synthetic.api("b".repeat(1024)))));
        assertEquals(1024, ((EslFrame) ok.readInbound()).body().length);

        EslFrameDecoder decoder = new EslFrameDecoder(128, 1024);
        EmbeddedChannel tooBig = new EmbeddedChannel(decoder);
        // refused from the header alone: the body is never waited for
        EslProtocolException e = assertThrows(EslProtocolException.class,
                () -> tooBig.writeInbound(Unpooled.wrappedBuffer(utf8("Content-Type: api/response\nContent-Length: 1025\n\n"))));
        assertOffset(0, e);
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }

    @Test
    void binaryGarbage() {
        Random random = new Random(99);
        byte[] garbage = new byte[300_000];
        random.nextBytes(garbage);
        garbage[100] = '\n';
        garbage[101] = '\n';
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(utf8(GOOD));
        stream.writeBytes(garbage);
        EslFrameDecoder decoder = new EslFrameDecoder();
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        byte[] bytes = stream.toByteArray();
        EslProtocolException e = assertThrows(EslProtocolException.class, () -> {
            for (int pos = 0; pos < bytes.length; pos += 4096) {
                ch.writeInbound(Unpooled.wrappedBuffer(bytes, pos, Math.min(4096, bytes.length - pos)));
            }
        });
        assertTrue(e.offset() >= AT && e.offset() <= AT + 101, e.getMessage());
        assertEquals(0, retainedBytes(decoder));

        // garbage with no blank line at all runs into the header limit
        Arrays.fill(garbage, 0, 200, (byte) 'x');
        for (int i = 0; i < garbage.length; i++) {
            if (garbage[i] == '\n') {
                garbage[i] = 'n';
            }
        }
        EslFrameDecoder decoder2 = new EslFrameDecoder();
        EmbeddedChannel ch2 = new EmbeddedChannel(decoder2);
        assertThrows(EslProtocolException.class, () -> {
            for (int pos = 0; pos < garbage.length; pos += 4096) {
                ch2.writeInbound(Unpooled.wrappedBuffer(garbage, pos, Math.min(4096, garbage.length - pos)));
                assertTrue(retainedBytes(decoder2) <= EslFrameDecoder.DEFAULT_MAX_HEADER_BYTES + 1);
            }
        });
    }

    /** Blank lines between frames are tolerated and do not accumulate. */
    @Test
    void strayBlankLinesAreSkipped() {
        EslFrameDecoder decoder = new EslFrameDecoder(128, 1024);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        for (int i = 0; i < 1000; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(utf8("\n\r\n".repeat(100))));
            assertEquals(0, retainedBytes(decoder));
        }
        ch.writeInbound(Unpooled.wrappedBuffer(utf8(GOOD)));
        EslFrame f = ch.readInbound();
        assertEquals(300_000, f.offset());
        assertEquals(ContentType.AUTH_REQUEST, f.contentType());
    }
}

package org.stationd.esl.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stationd.esl.codec.Decoding.retainedBytes;
import static org.stationd.esl.codec.Decoding.utf8;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.event.EventFormatException;
import org.stationd.esl.event.EslEvents;
import org.stationd.esl.testing.Captures;

/**
 * Seeded, deterministic robustness run over real frames mutated at random and over random frames.
 * Whatever comes in, the decoder either yields frames or raises EslProtocolException; events either
 * parse or raise EventFormatException; and the decoder never holds more than its limits allow.
 */
class DecoderFuzzTest {
    static final int MAX_HEADER = 16 * 1024;   // the connect reply (3.6 kB) fits
    static final int MAX_BODY = 64 * 1024;     // show modules (34 kB) fits
    static final int ITERATIONS = 100_000;

    final Random random = new Random(20261122);
    final List<byte[]> corpus = corpus();
    final Mutator mutator = new Mutator(random);
    int frames;
    int protocolErrors;
    int eventsParsed;
    int eventErrors;
    int xmlEventsParsed;

    @Test
    void mutatedAndRandomFrames() {
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = nextInput(i);
            try {
                decodeOneByOne(input);
            } catch (RuntimeException | AssertionError e) {
                fail("iteration " + i + ", input (base64) " + Base64.getEncoder().encodeToString(input), e);
            }
        }
        // the run must reach every outcome, or it proves little
        assertTrue(frames > ITERATIONS / 2, "frames " + frames);
        assertTrue(protocolErrors > ITERATIONS / 20, "protocol errors " + protocolErrors);
        assertTrue(eventsParsed > ITERATIONS / 10, "events parsed " + eventsParsed);
        assertTrue(eventErrors > ITERATIONS / 200, "event errors " + eventErrors);
        assertTrue(xmlEventsParsed > ITERATIONS / 200, "xml events " + xmlEventsParsed);
    }

    /** The same kinds of input through Netty, with small limits: only EslProtocolException, bounded cumulation. */
    @Test
    void throughAnEmbeddedChannelWithSmallLimits() {
        for (int i = 0; i < 5_000; i++) {
            byte[] input = nextInput(i);
            EslFrameDecoder decoder = new EslFrameDecoder(512, 2048);
            EmbeddedChannel ch = new EmbeddedChannel(decoder);
            int pos = 0;
            boolean failed = false;
            while (pos < input.length) {
                int n = Math.min(1 + random.nextInt(700), input.length - pos);
                try {
                    ch.writeInbound(Unpooled.wrappedBuffer(input, pos, n));
                } catch (EslProtocolException e) {
                    assertTrue(!failed, "raised twice");
                    failed = true;
                } catch (RuntimeException e) {
                    fail("iteration " + i + ": " + e, e);
                }
                pos += n;
                assertTrue(retainedBytes(decoder) <= Math.max(512 + 1, 2048), "retained " + retainedBytes(decoder));
                if (failed) {
                    assertEquals(0, retainedBytes(decoder));
                }
            }
            Object m;
            while ((m = ch.readInbound()) != null) {
                assertTrue(((EslFrame) m).body().length <= 2048);
            }
            ch.finishAndReleaseAll();
        }
    }

    private byte[] nextInput(int i) {
        return switch (i % 10) {
            case 0 -> randomFrame();
            case 1 -> mutator.mutate(xmlEvent());
            case 2 -> mutator.mutate(mutator.mutate(pick()));
            default -> mutator.mutate(pick());
        };
    }

    private byte[] pick() {
        return corpus.get(random.nextInt(corpus.size()));
    }

    private void decodeOneByOne(byte[] input) {
        EslFrameDecoder decoder = new EslFrameDecoder(MAX_HEADER, MAX_BODY);
        ByteBuf in = Unpooled.buffer();
        int pos = 0;
        int reads = 1 + random.nextInt(6);
        long lastOffset = -1;
        try {
            while (pos < input.length) {
                int n = Math.min(1 + random.nextInt(input.length / reads + 1), input.length - pos);
                in.writeBytes(input, pos, n);
                pos += n;
                EslFrame f;
                while ((f = decoder.decodeOne(in)) != null) {
                    assertTrue(f.offset() > lastOffset, "offsets grow");
                    lastOffset = f.offset();
                    checkFrame(f);
                }
                assertTrue(in.readableBytes() <= Math.max(MAX_HEADER + 1, MAX_BODY), "retained " + in.readableBytes());
                assertEquals(pos, decoder.consumedBytes() + in.readableBytes(), "every byte is consumed or retained");
                in.discardReadBytes();
            }
        } catch (EslProtocolException e) {
            protocolErrors++;
            assertTrue(e.offset() >= 0 && e.offset() <= input.length, e.getMessage());
        }
    }

    private void checkFrame(EslFrame f) {
        frames++;
        assertTrue(!f.contentType().isEmpty());
        String length = f.rawHeaders().get("Content-Length");
        assertEquals(length == null ? 0 : Integer.parseInt(length.trim()), f.body().length);
        f.headers();   // percent-decoding any value must not throw
        if (f.isEvent()) {
            try {
                EslEvent e = EslEvents.parse(f);
                e.name();
                e.values("Event-Name");
                e.sequence();
                eventsParsed++;
                if (e.format() == EslEvent.Format.XML) {
                    xmlEventsParsed++;
                }
            } catch (EventFormatException expected) {
                eventErrors++;
            }
        }
    }

    private byte[] randomFrame() {
        String[] types = {ContentType.API_RESPONSE, ContentType.EVENT_PLAIN, ContentType.EVENT_JSON, ContentType.EVENT_XML,
                ContentType.COMMAND_REPLY, ContentType.LOG_DATA, "text/unknown", ""};
        StringBuilder head = new StringBuilder();
        byte[] body = new byte[random.nextInt(300)];
        random.nextBytes(body);
        if (random.nextBoolean()) {   // bodies that look a bit like events
            body = utf8("Event-Name: X\n" + "K%" + random.nextInt(999) + ": v%E2%82\n\n" + new String(body, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        int lines = random.nextInt(5);
        for (int j = 0; j < lines; j++) {
            head.append(switch (random.nextInt(4)) {
                case 0 -> "Content-Type: " + types[random.nextInt(types.length)];
                case 1 -> "Content-Length: " + (random.nextInt(4) == 0 ? random.nextInt(1000) - 10 : body.length);
                case 2 -> "X-" + random.nextInt(100) + ": " + Long.toHexString(random.nextLong());
                default -> new String(Mutator.garbage(random, 1 + random.nextInt(12)), java.nio.charset.StandardCharsets.ISO_8859_1);
            }).append('\n');
        }
        head.append('\n');
        byte[] h = head.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    private byte[] xmlEvent() {
        String xml = "<event>\n  <headers>\n    <Event-Name>CUSTOM</Event-Name>\n    <Event-Subclass>radio%3A%3Aon_air</Event-Subclass>\n"
                + "    <Unique-ID>85971bae-16e2-4b1d-83b0-1188f5225314</Unique-ID>\n    <Tag>a</Tag>\n    <Tag>b</Tag>\n"
                + "  </headers>\n  <Content-Length>9</Content-Length>\n  <body>&lt;ok&gt;\n</body>\n</event>";
        return utf8(Synthetic.event(ContentType.EVENT_XML, xml));
    }

    /** Real frames of every kind except the 27 MB churn capture (its frames look like 03's). */
    private static List<byte[]> corpus() {
        List<byte[]> frames = new ArrayList<>();
        for (String capture : List.of("01", "02", "03", "06", "08", "09")) {
            Captures.recv(capture).forEach(r -> frames.add(r.bytes()));
        }
        Captures.recv("04").stream().limit(40).forEach(r -> frames.add(r.bytes()));
        frames.add(utf8(Synthetic.api("Grüße 🎙\n")));
        frames.add(utf8("Content-Type: text/rude-rejection\nContent-Length: 24\n\nAccess Denied, go away.\n"));
        return frames;
    }
}

package org.stationd.esl.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.esl.codec.Decoding.assertFrames;
import static org.stationd.esl.codec.Decoding.decodeInChunks;
import static org.stationd.esl.codec.Decoding.decodeSplit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.event.EslEvents;
import org.stationd.esl.testing.Captures;
import org.stationd.esl.testing.RawFrame;

/** However TCP cuts the stream into reads, the same frames come out. */
class FrameSplittingTest {
    private static final int PREFIX_OF_04 = 200 * 1024;

    /** The recv frames of a capture; of 04 only the whole frames within its first ~200 KB. */
    static List<RawFrame> frames(String capture) {
        List<RawFrame> all = RawFrame.of(Captures.load(capture));
        if (!capture.equals("04")) {
            return all;
        }
        return all.stream().filter(f -> f.offset() + f.length() <= PREFIX_OF_04).toList();
    }

    static byte[] bytes(String capture, List<RawFrame> frames) {
        RawFrame last = frames.getLast();
        byte[] all = Captures.recvStream(capture);
        return java.util.Arrays.copyOf(all, (int) (last.offset() + last.length()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "02", "06"})
    void everySplitPointOfTheWholeStream(String capture) {
        List<RawFrame> expected = frames(capture);
        byte[] stream = bytes(capture, expected);
        for (int at = 0; at <= stream.length; at++) {
            assertFrames(expected, decodeSplit(stream, 0, stream.length, at), capture + " split at " + at);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"03", "04", "08", "09"})
    void everySplitPointWithinWindowsOfThreeFrames(String capture) {
        List<RawFrame> frames = frames(capture);
        byte[] stream = bytes(capture, frames);
        for (int centre : windowCentres(frames)) {
            List<RawFrame> window = frames.subList(Math.max(0, centre - 1), Math.min(frames.size(), centre + 2));
            int from = (int) window.getFirst().offset();
            int to = (int) (window.getLast().offset() + window.getLast().length());
            List<RawFrame> expected = window.stream().map(f -> f.rebased(from)).toList();
            for (int at = from; at <= to; at++) {
                assertFrames(expected, decodeSplit(stream, from, to, at), capture + " window " + centre + " split at " + at);
            }
        }
    }

    /** Spread over the capture, plus its largest frame and its events that carry their own body. */
    private static TreeSet<Integer> windowCentres(List<RawFrame> frames) {
        int n = frames.size();
        TreeSet<Integer> centres = new TreeSet<>(List.of(0, n / 4, n / 2, 3 * n / 4, n - 1));
        centres.add(IntStream.range(0, n).boxed().max(Comparator.comparingInt(i -> frames.get(i).body().length)).orElseThrow());
        for (int i = 0; i < n; i++) {
            String body = frames.get(i).bodyText();
            if (body.startsWith("Event-Name: BACKGROUND_JOB") || body.startsWith("{\"Event-Name\":\"BACKGROUND_JOB\"")) {
                centres.add(i);
            }
        }
        return centres;
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "02", "03", "04", "06", "08", "09"})
    void randomChunkSizes(String capture) {
        List<RawFrame> expected = frames(capture);
        byte[] stream = bytes(capture, expected);
        for (int max : new int[] {1, 3, 17, 700, 5000, 70_000}) {
            Random random = new Random(capture.hashCode() * 31L + max);
            assertFrames(expected, decodeInChunks(stream, pos -> 1 + random.nextInt(max)), capture + " chunks of 1.." + max);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "02", "03", "04", "06", "08", "09"})
    void allFramesCoalescedIntoOneRead(String capture) {
        List<RawFrame> expected = RawFrame.of(Captures.load(capture));
        byte[] stream = Captures.recvStream(capture);
        assertFrames(expected, decodeInChunks(stream, pos -> stream.length), capture + " in one read");
    }

    @Test
    void showModulesArrivesInManyReadsAsOneFrame() {
        RawFrame modules = frames("08").stream().max(Comparator.comparingInt(f -> f.body().length)).orElseThrow();
        assertTrue(modules.body().length > 30_000, "show modules is ~34 kB");
        byte[] stream = bytes("08", frames("08"));
        List<EslFrame> frames = decodeInChunks(stream, pos -> 1024);
        EslFrame decoded = frames.stream().filter(f -> f.offset() == modules.offset()).findFirst().orElseThrow();
        assertEquals(modules.bodyText(), decoded.bodyText());
    }

    /** Content-Length counts bytes, and a read may end inside a multibyte character. */
    @Test
    void multibyteUtf8InBodiesAndHeaders() {
        List<String> texts = List.of(
                Synthetic.api("Grüße 🎙 aus dem Studio\n"),
                Synthetic.event("text/event-plain", "Event-Name: CUSTOM\nEvent-Subclass: radio%3A%3Aon_air\n"
                        + "Station-Name: Radio%20Gr%C3%BC%C3%9Fe%20%F0%9F%8E%99\nContent-Length: "
                        + Decoding.utf8("Grüße 🎙\n").length + "\n\nGrüße 🎙\n"),
                Synthetic.event("text/event-json", "{\"Event-Name\":\"CUSTOM\",\"Station-Name\":\"Radio Grüße 🎙\",\"_body\":\"Grüße 🎙\"}"),
                "Content-Type: command/reply\nReply-Text: +OK Grüße 🎙\n\n");
        List<RawFrame> expected = RawFrame.ofTexts(texts);
        byte[] stream = Decoding.utf8(String.join("", texts));
        assertTrue(stream.length > String.join("", texts).length(), "the stream has multibyte characters");

        for (int at = 0; at <= stream.length; at++) {
            assertFrames(expected, decodeSplit(stream, 0, stream.length, at), "split at " + at);
        }
        List<EslFrame> frames = decodeInChunks(stream, pos -> 1);
        assertFrames(expected, frames, "byte by byte");
        assertEquals("Grüße 🎙 aus dem Studio\n", frames.get(0).bodyText());
        EslEvent plain = EslEvents.parse(frames.get(1));
        assertEquals("Radio Grüße 🎙", plain.header("Station-Name"));
        assertEquals("Grüße 🎙\n", plain.body());
        EslEvent json = EslEvents.parse(frames.get(2));
        assertEquals("Radio Grüße 🎙", json.header("Station-Name"));
        assertEquals("Grüße 🎙", json.body());
        assertEquals("+OK Grüße 🎙", frames.get(3).replyText());
    }

    /** A 300 kB body with blank lines and multibyte text inside: only Content-Length ends it. */
    @Test
    void bodyOfThreeHundredKilobytes() {
        StringBuilder sb = new StringBuilder();
        Random random = new Random(300);
        int bytes = 0;
        while (bytes < 300_000) {
            String line = "line " + random.nextInt() + (random.nextInt(8) == 0 ? "\n\nContent-Type: api/response\n\n" : " ü🎙\n");
            sb.append(line);
            bytes += Synthetic.length(line);
        }
        List<String> texts = List.of(Synthetic.api(sb.toString()), "Content-Type: auth/request\n\n");
        List<RawFrame> expected = RawFrame.ofTexts(texts);
        byte[] stream = Decoding.utf8(String.join("", texts));
        int bodyStart = stream.length - expected.get(1).length() - expected.get(0).body().length;

        List<Integer> splits = new ArrayList<>();
        IntStream.rangeClosed(0, 80).forEach(d -> {
            splits.add(d);
            splits.add(bodyStart - 40 + d);
            splits.add(stream.length - d);
        });
        for (int at = 0; at < stream.length; at += 997) {
            splits.add(at);
        }
        for (int at : splits) {
            assertFrames(expected, decodeSplit(stream, 0, stream.length, at), "split at " + at);
        }
        Random chunks = new Random(3);
        assertFrames(expected, decodeInChunks(stream, pos -> 1 + chunks.nextInt(9000)), "random chunks");
        assertFrames(expected, decodeInChunks(stream, pos -> stream.length), "one read");
    }
}

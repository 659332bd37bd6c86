package org.stationd.esl.tool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stationd.esl.testing.Captures;
import org.stationd.esl.testing.EventOracle;
import org.stationd.esl.testing.RawFrame;

class EslDecodeToolTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Result(int exit, Path out, String err) {
        List<String> lines() throws IOException {
            return Files.readAllLines(out, StandardCharsets.UTF_8);
        }
    }

    /** Output goes to a file: the churn capture decodes to tens of MB of JSON. */
    Result run(Path input) throws IOException {
        Path out = Files.createTempFile(tmp, "out", ".jsonl");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(Files.newOutputStream(out), false, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = EslDecodeTool.run(input, o, e);
        }
        return new Result(exit, out, err.toString(StandardCharsets.UTF_8));
    }

    static Stream<Path> captures() {
        return Captures.all().stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void decodesEveryCaptureToOneJsonLinePerReceivedFrame(Path capture) throws IOException {
        Result r = run(capture);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        List<RawFrame> expected = RawFrame.of(Captures.load(capture));
        int n = 0;
        try (BufferedReader lines = Files.newBufferedReader(r.out(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                assertLine(expected.get(n), JSON.readTree(line), capture.getFileName() + " line " + (n + 1));
                n++;
            }
        }
        assertEquals(expected.size(), n);
    }

    private static void assertLine(RawFrame raw, JsonNode line, String where) {
        assertEquals(raw.contentType(), line.get("contentType").asText(), where);
        assertEquals(raw.offset(), line.get("offset").asLong(), where);
        Map<String, String> headers = new LinkedHashMap<>();
        raw.headers().forEach(h -> headers.put(h.getKey(), EventOracle.percentDecode(h.getValue())));
        assertEquals(headers, strings(line.get("headers")), where);
        assertEquals(raw.body().length == 0 ? null : raw.bodyText(), line.get("body").isNull() ? null : line.get("body").asText(), where);
        if (raw.isEvent()) {
            EventOracle.Event event = EventOracle.of(raw.contentType(), raw.body());
            assertEquals(event.name(), line.get("event").asText(), where);
            assertEquals(new ArrayList<>(event.headers().entrySet()), new ArrayList<>(strings(line.get("eventHeaders")).entrySet()), where);
            assertEquals(event.body(), line.get("eventBody").isNull() ? null : line.get("eventBody").asText(), where);
        } else {
            assertFalse(line.has("event") || line.has("eventHeaders") || line.has("eventBody"), where);
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> m = new LinkedHashMap<>();
        object.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    @Test
    void rawStreamGivesTheSameOutputAsItsCapture() throws IOException {
        Path raw = Files.write(tmp.resolve("03.esl"), Captures.recvStream("03"));
        Result fromRaw = run(raw);
        Result fromCapture = run(Captures.file("03"));
        assertEquals(0, fromRaw.exit(), fromRaw.err());
        assertArrayEquals(Files.readAllBytes(fromCapture.out()), Files.readAllBytes(fromRaw.out()));
        assertEquals(RawFrame.of(Captures.load("03")).size(), fromRaw.lines().size());
    }

    @Test
    void corruptedStreamNamesTheByteOffset() throws IOException {
        byte[] stream = Captures.recvStream("03");
        RawFrame victim = RawFrame.of(Captures.load("03")).get(10);
        long at = victim.offset() + 3;   // inside the first header name of frame 10
        stream[(int) at] = 0x01;
        Result r = run(Files.write(tmp.resolve("corrupt.esl"), stream));
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("byte offset " + at), r.err());
        assertEquals(10, r.lines().size(), "the frames before the fault are printed");
        for (String line : r.lines()) {
            JSON.readTree(line);
        }
    }

    @Test
    void streamTruncatedInsideABodyNamesWhereTheFrameStarts() throws IOException {
        List<RawFrame> frames = RawFrame.of(Captures.load("03"));
        RawFrame last = frames.get(20);
        int headerLength = last.length() - last.body().length;
        byte[] cut = Arrays.copyOf(Captures.recvStream("03"), (int) last.offset() + headerLength + 5);
        Result r = run(Files.write(tmp.resolve("cut-body.esl"), cut));
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("starts at byte offset " + last.offset()), r.err());
        assertEquals(20, r.lines().size());
    }

    @Test
    void streamTruncatedInsideAHeaderBlock() throws IOException {
        RawFrame last = RawFrame.of(Captures.load("01")).get(4);
        byte[] cut = Arrays.copyOf(Captures.recvStream("01"), (int) last.offset() + 10);
        Result r = run(Files.write(tmp.resolve("cut-head.esl"), cut));
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("starts at byte offset " + last.offset()), r.err());
        assertEquals(4, r.lines().size());
    }

    @Test
    void malformedEventNamesItsFrame() throws IOException {
        String ok = "Content-Type: auth/request\n\n";
        String bad = "Content-Length: 22\nContent-Type: text/event-plain\n\nEvent-Name: X\nbroken\n\n";
        Result r = run(Files.writeString(tmp.resolve("bad-event.esl"), ok + bad));
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("frame at byte offset " + ok.length()), r.err());
        assertEquals(List.of("auth/request"), r.lines().stream().map(l -> {
            try {
                return JSON.readTree(l).get("contentType").asText();
            } catch (IOException e) {
                throw new AssertionError("not one JSON object per line: " + l, e);
            }
        }).toList());
    }

    @Test
    void missingFileAndBrokenCapture() throws IOException {
        assertEquals(2, run(tmp.resolve("absent.jsonl")).exit());
        Path broken = Files.writeString(tmp.resolve("broken.jsonl"), "{\"t\": 0.1, \"dir\": \"recv\", \"raw\": \"Content-Type: auth/request\\n\\n\"}\n{oops\n");
        Result r = run(broken);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("line 2"), r.err());
    }

    /** The tool writes to the caller's stream (System.out from the CLI) and must leave it open. */
    @Test
    void leavesTheOutputStreamOpen() {
        boolean[] closed = {false};
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {}

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        int exit = EslDecodeTool.decode("Content-Type: auth/request\n\n".getBytes(StandardCharsets.UTF_8),
                new PrintStream(sink), new PrintStream(OutputStream.nullOutputStream()), "test");
        assertEquals(0, exit);
        assertFalse(closed[0]);
    }
}

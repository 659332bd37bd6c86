package org.stationd.esl.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One transcript of {@code shared/esl-captures} (JSON lines of {@code {"t","dir","raw"}}), loaded for
 * replay by {@link ScriptedPeer}. The directory comes from the {@code esl.captures.dir} system
 * property; without it the test fails, it is not skipped.
 *
 * <p>What a test expects of the events is read here with a few lines of string handling, not with
 * the production parsers, so the client is checked against the capture and not against itself.
 */
public final class RecordedSession {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Dir { SEND, RECV }

    /** One frame as recorded: {@code raw} is its exact text. */
    public record Frame(int index, double t, Dir dir, String raw) {
        public boolean isSend() {
            return dir == Dir.SEND;
        }

        /** The outer header's value as sent (not decoded), or null. */
        public String header(String name) {
            return headerOf(raw, name);
        }

        public String contentType() {
            String ct = header("Content-Type");
            return ct == null ? "" : ct;
        }

        /** Everything after the outer header block. */
        public String body() {
            int end = raw.indexOf("\n\n");
            return end < 0 ? "" : raw.substring(end + 2);
        }

        public boolean isEvent() {
            return contentType().startsWith("text/event-");
        }

        /** For an event frame: what the listener must see. */
        public Expected expected() {
            Map<String, String> h = eventHeaders(this);
            return new Expected(h.get("Event-Name"), h.get("Unique-ID"), h.get("Event-Subclass"),
                    h.get("Event-Sequence"), h.get("Job-UUID"));
        }
    }

    /** An event as the capture has it: name, channel, subclass, FreeSWITCH's sequence number, job. */
    public record Expected(String name, String uniqueId, String subclass, String sequence, String jobUuid) {}

    private final String name;
    private final List<Frame> frames;

    private RecordedSession(String name, List<Frame> frames) {
        this.name = name;
        this.frames = List.copyOf(frames);
    }

    /** The captures directory; fails (not skips) when the build did not say where it is. */
    public static Path dir() {
        String p = System.getProperty("esl.captures.dir");
        if (p == null || p.isBlank()) {
            throw new AssertionError("system property esl.captures.dir is not set (esl/pom.xml wires it to shared/esl-captures)");
        }
        Path dir = Path.of(p);
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("esl.captures.dir=" + p + " is not a directory");
        }
        return dir;
    }

    public static RecordedSession load(String file) {
        Path path = dir().resolve(file);
        List<Frame> frames = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                Dir dir = switch (n.get("dir").asText()) {
                    case "send" -> Dir.SEND;
                    case "recv" -> Dir.RECV;
                    default -> throw new AssertionError(file + ": unknown dir in " + line);
                };
                frames.add(new Frame(frames.size(), n.get("t").asDouble(), dir, n.get("raw").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read capture " + path, e);
        }
        return new RecordedSession(file, frames);
    }

    public String name() {
        return name;
    }

    public List<Frame> frames() {
        return frames;
    }

    public Frame frame(int index) {
        return frames.get(index);
    }

    /** The same transcript without the frames at these indices (e.g. a command our client does not send). */
    public RecordedSession without(int... indices) {
        Set<Integer> drop = IntStream.of(indices).boxed().collect(Collectors.toSet());
        return keep(i -> !drop.contains(i), name + " without " + drop);
    }

    /** Only the frames whose (original) index passes; they are renumbered from 0. */
    public RecordedSession keep(IntPredicate index) {
        return keep(index, name + " (part)");
    }

    private RecordedSession keep(IntPredicate index, String newName) {
        List<Frame> kept = new ArrayList<>();
        for (Frame f : frames) {
            if (index.test(f.index())) {
                kept.add(new Frame(kept.size(), f.t(), f.dir(), f.raw()));
            }
        }
        return new RecordedSession(newName, kept);
    }

    /** Every frame rewritten (framing kept exact, see {@link #rewrite}), e.g. another call's uuid. */
    public RecordedSession map(UnaryOperator<String> edit) {
        List<Frame> out = new ArrayList<>();
        for (Frame f : frames) {
            out.add(new Frame(f.index(), f.t(), f.dir(), f.isSend() ? edit.apply(f.raw()) : rewrite(f.raw(), edit)));
        }
        return new RecordedSession(name + " (edited)", out);
    }

    /** The recorded command lines, in order. */
    public List<String> sends() {
        return frames.stream().filter(Frame::isSend).map(Frame::raw).toList();
    }

    public List<Frame> events() {
        return frames.stream().filter(f -> !f.isSend() && f.isEvent()).toList();
    }

    /** Events by channel ({@code Unique-ID}; {@code ""} for events of no channel), each list in stream order. */
    public Map<String, List<Expected>> eventsByChannel() {
        Map<String, List<Expected>> by = new LinkedHashMap<>();
        for (Frame f : events()) {
            Expected e = f.expected();
            by.computeIfAbsent(e.uniqueId() == null ? "" : e.uniqueId(), k -> new ArrayList<>()).add(e);
        }
        return by;
    }

    /**
     * Applies {@code edit} to a received frame and keeps its framing exact: the outer
     * {@code Content-Length} is recomputed, and so is the inner one of a plain event with a body.
     */
    public static String rewrite(String raw, UnaryOperator<String> edit) {
        int end = raw.indexOf("\n\n");
        if (end < 0) {
            return edit.apply(raw);
        }
        String head = edit.apply(raw.substring(0, end + 1));
        String body = raw.substring(end + 2);
        if (headerOf(head, "Content-Length") == null) {
            return head + "\n" + edit.apply(body);
        }
        String newBody;
        int inner = body.indexOf("\n\n");
        if ("text/event-plain".equals(headerOf(head, "Content-Type")) && inner >= 0 && headerOf(body.substring(0, inner + 1), "Content-Length") != null) {
            String innerHead = edit.apply(body.substring(0, inner + 1));
            String innerBody = edit.apply(body.substring(inner + 2));
            newBody = withLength(innerHead, innerBody) + "\n" + innerBody;
        } else {
            newBody = edit.apply(body);
        }
        return withLength(head, newBody) + "\n" + newBody;
    }

    /** {@code head} (lines ending in LF) with its Content-Length set to the UTF-8 length of {@code body}. */
    private static String withLength(String head, String body) {
        int len = body.getBytes(StandardCharsets.UTF_8).length;
        return head.replaceFirst("(?m)^Content-Length: \\d+$", "Content-Length: " + len);
    }

    static String headerOf(String block, String name) {
        int end = block.indexOf("\n\n");
        String head = end < 0 ? block : block.substring(0, end);
        for (String line : head.split("\n")) {
            if (line.startsWith(name + ": ")) {
                return line.substring(name.length() + 2);
            }
        }
        return null;
    }

    /** The event's own headers: JSON fields, or plain lines URL-decoded with the JDK's decoder. */
    private static Map<String, String> eventHeaders(Frame f) {
        Map<String, String> h = new LinkedHashMap<>();
        String body = f.body();
        if (f.contentType().equals("text/event-json")) {
            try {
                JSON.readTree(body).properties().forEach(e -> h.put(e.getKey(), e.getValue().asText()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return h;
        }
        int end = body.indexOf("\n\n");
        for (String line : (end < 0 ? body : body.substring(0, end)).split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                h.putIfAbsent(line.substring(0, colon), urlDecode(line.substring(colon + 2)));
            }
        }
        return h;
    }

    private static String urlDecode(String v) {
        try {
            return URLDecoder.decode(v, StandardCharsets.UTF_8);   // FreeSWITCH writes '+' as %2B, so '+' never means space here
        } catch (IllegalArgumentException e) {
            return v;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

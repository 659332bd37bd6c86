package org.stationd.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.stationd.esl.codec.ContentType;
import org.stationd.esl.codec.EslFrame;
import org.stationd.esl.codec.EslFrameDecoder;
import org.stationd.esl.codec.EslProtocolException;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.event.EslEvents;
import org.stationd.esl.event.EventFormatException;
import org.stationd.esl.codec.CommandFrame;
import org.stationd.esl.codec.EslCommandDecoder;

/**
 * Turns a raw ESL capture (the JSON lines {@code {"t","dir","raw"}} of {@code shared/esl-captures})
 * into event-log records (format version 1, docs/eventlog.md) of one station, so a recorded
 * session with a real FreeSWITCH can be replayed like a show stationd recorded itself.
 *
 * <ul>
 *   <li>Every received call event ({@code text/event-plain}, {@code -json}, {@code -xml}; an event
 *       with a {@code Unique-ID}, or a conference event) becomes {@code in}/{@code esl};
 *       a BACKGROUND_JOB becomes {@code in}/{@code job} with the job's command and result.</li>
 *   <li>{@code api X} becomes {@code out}/{@code api}, {@code bgapi X} {@code out}/{@code bgapi},
 *       {@code sendmsg <uuid>} with its headers {@code out}/{@code sendmsg} (a bare outbound-mode
 *       {@code sendmsg} gets the uuid of the channel the {@code connect} reply described).</li>
 *   <li>Everything else is not a station input and is only counted: auth, command replies, api
 *       responses, disconnect notices, events about the switch itself (HEARTBEAT, API, MODULE_UNLOAD…)
 *       and commands such as {@code event}, {@code filter}, {@code exit}.</li>
 * </ul>
 *
 * <p>Times: the capture's relative {@code t} plus a start instant. Unless one is given, the start
 * is taken from the switch's own clock: the first event's {@code Event-Date-Timestamp} minus its
 * {@code t}, so that event keeps its real time. A capture without such an event ends at the file's
 * last-modified time (the recorder wrote its last line as the session closed). Times never go
 * backwards and are written with six fraction digits, so they sort as text (the reader sorts by
 * {@code t}).
 *
 * <p>Stations: by default every call in the capture is the station's. With a {@code station_id}
 * value, only the calls whose channel variable {@code station_id} has that value are kept (both
 * legs of a loopback call carry it; a leg's events without variables are matched by its uuid, and
 * an originate's {@code origination_uuid} counts too), conference events of the conferences those
 * calls are in, and the commands and job results that name that station or one of its calls;
 * commands that name no station and no call (e.g. {@code conference news list}) are kept.
 */
public final class CaptureImport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern STATION_ID = Pattern.compile("(?<![A-Za-z0-9_])station_id=([^,}\\]\\s]+)");
    private static final Pattern ORIGINATION_UUID = Pattern.compile("(?<![A-Za-z0-9_])origination_uuid=([^,}\\]\\s]+)");

    /**
     * @param station   the station id the records get ({@code st})
     * @param start     the instant the capture's {@code t = 0} stands for; null: from the capture (see above)
     * @param stationId keep only the calls with this {@code station_id} channel variable; null: keep every call
     */
    public record Options(String station, Instant start, String stationId) {
        public Options {
            if (station == null || station.isBlank()) throw new IllegalArgumentException("a station id is needed");
        }
    }

    /**
     * What an import made.
     *
     * @param records     the event-log records, in capture order
     * @param start       the instant {@code t = 0} of the capture was given
     * @param startSource where that instant came from
     * @param frames      frames (lines) read
     * @param skipped     what was not imported, and how often: a content type, {@code event NAME},
     *                    {@code command VERB} or {@code calls not of station_id X}
     */
    public record Result(List<Map<String, Object>> records, Instant start, String startSource, long frames, Map<String, Integer> skipped) {
        /** Records of that direction and kind ({@code null} kind: all of the direction). */
        public long count(String dir, String kind) {
            return records.stream().filter(r -> dir.equals(r.get("dir")) && (kind == null || kind.equals(r.get("k")))).count();
        }

        public int skippedTotal() {
            return skipped.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** For people: what was made of how many frames. */
        public String summary() {
            StringBuilder sb = new StringBuilder();
            sb.append(records.size()).append(" record(s) from ").append(frames).append(" frame(s): ");
            sb.append("in ").append(count("in", null)).append(" (").append(kinds("in")).append("), ");
            sb.append("out ").append(count("out", null)).append(" (").append(kinds("out")).append(")");
            sb.append("; skipped ").append(skippedTotal());
            if (!skipped.isEmpty()) sb.append(" ").append(skipped);
            sb.append("; start ").append(TIME.format(start)).append(" (").append(startSource).append(")");
            return sb.toString();
        }

        private String kinds(String dir) {
            Map<String, Integer> k = new TreeMap<>();
            records.stream().filter(r -> dir.equals(r.get("dir"))).forEach(r -> k.merge((String) r.get("k"), 1, Integer::sum));
            return k.isEmpty() ? "none" : String.join(", ", k.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
        }
    }

    /** One frame of the capture, decoded. */
    private sealed interface Item permits Event, Command, Other {
        long micros();
    }

    private record Event(long line, long micros, EslEvent event) implements Item {}

    /** {@code uuid}: of a sendmsg (its own, or the outbound channel's for a bare one). */
    private record Command(long line, long micros, CommandFrame command, String uuid) implements Item {}

    /** A frame that is no station input; {@code channel}: the channel data of an outbound {@code connect} reply. */
    private record Other(long line, long micros, String what, EslEvent channel) implements Item {}

    private CaptureImport() {}

    /**
     * Reads a capture.
     *
     * @throws EventLogException naming the capture and line, for a line that is not a capture
     *                           record or a frame the codec cannot decode
     */
    public static Result read(Path capture, Options options) throws IOException {
        List<Item> items = decode(capture);
        Owners owners = new Owners(items);

        Instant start = options.start();
        String source = "given";
        if (start == null) {
            Event first = firstTimestamped(items);
            if (first != null) {
                long micros = first.event().timestampMicros() - first.micros();
                start = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
                source = "the first event's Event-Date-Timestamp, line " + first.line();
            } else {
                long length = items.isEmpty() ? 0 : items.getLast().micros();   // the file was last written as the session ended
                start = Files.getLastModifiedTime(capture).toInstant().truncatedTo(ChronoUnit.MICROS).minus(length, ChronoUnit.MICROS);
                source = "the capture's last-modified time less its length: no event has an Event-Date-Timestamp";
            }
        }

        List<Map<String, Object>> records = new ArrayList<>();
        Map<String, Integer> skipped = new LinkedHashMap<>();
        String own = options.stationId();
        String notOurs = "not station_id " + own;
        for (Item item : items) {
            String t = TIME.format(start.plus(item.micros(), ChronoUnit.MICROS));
            switch (item) {
                case Other o -> skipped.merge(o.what(), 1, Integer::sum);
                case Event ev -> {
                    EslEvent e = ev.event();
                    if ("BACKGROUND_JOB".equals(e.name())) {
                        String cmd = e.header("Job-Command");
                        String arg = e.header("Job-Command-Arg");
                        if (cmd == null) {
                            skipped.merge("event BACKGROUND_JOB without Job-Command", 1, Integer::sum);
                            continue;
                        }
                        if (arg != null && !arg.isEmpty()) cmd = cmd + " " + arg;
                        if (own != null && !owners.commandIsOf(own, cmd)) {
                            skipped.merge(notOurs, 1, Integer::sum);
                            continue;
                        }
                        Map<String, Object> f = new LinkedHashMap<>();
                        f.put("cmd", cmd);
                        f.put("body", e.body() == null ? "" : e.body());   // as the session completes a job
                        records.add(EventLogTap.record(t, options.station(), null, null, "in", "job", f));
                    } else if (!isCallEvent(e)) {
                        skipped.merge("event " + e.name(), 1, Integer::sum);
                    } else if (own != null && !owners.eventIsOf(own, e)) {
                        skipped.merge(notOurs, 1, Integer::sum);
                    } else {
                        Map<String, Object> f = new LinkedHashMap<>();   // as StationContext.onEsl records it
                        f.put("name", e.name());
                        f.put("headers", e.headers());
                        if (e.body() != null) f.put("body", e.body());
                        records.add(EventLogTap.record(t, options.station(), null, null, "in", "esl", f));
                    }
                }
                case Command c -> {
                    CommandFrame cf = c.command();
                    String verb = cf.verb();
                    Map<String, Object> f = new LinkedHashMap<>();
                    boolean ours;
                    switch (verb) {
                        case "api", "bgapi" -> {
                            f.put("cmd", cf.rest());
                            ours = own == null || owners.commandIsOf(own, cf.rest());
                        }
                        case "sendmsg" -> {
                            if (c.uuid() != null) f.put("uuid", c.uuid());
                            Map<String, String> headers = new LinkedHashMap<>();
                            cf.headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
                            f.put("headers", headers);
                            ours = own == null || c.uuid() == null || owners.commandIsOf(own, c.uuid());
                        }
                        default -> {
                            skipped.merge("command " + verb, 1, Integer::sum);
                            continue;
                        }
                    }
                    if (!ours) {
                        skipped.merge(notOurs, 1, Integer::sum);
                        continue;
                    }
                    records.add(EventLogTap.record(t, options.station(), null, null, "out", verb, f));
                }
            }
        }
        return new Result(records, start, source, items.size(), skipped);
    }

    /**
     * Writes records as an event-log file (one JSON object per line, the writer's line format);
     * gzip-compressed when the name ends in {@code .gz}. An existing file is replaced only when
     * {@code replace} is set.
     */
    public static void write(List<Map<String, Object>> records, Path out, boolean replace) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        OpenOption[] how = replace
                ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE}
                : new OpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE};
        try (OutputStream raw = Files.newOutputStream(out, how);
             OutputStream os = out.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
             Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
            for (Map<String, Object> r : records) {
                w.write(EventLogWriter.line(r));
            }
        }
    }

    /** A channel's event, or a conference's: what a station can be sent. Events about the switch itself are not. */
    static boolean isCallEvent(EslEvent e) {
        if (e.uniqueId() != null) return true;
        return "CUSTOM".equals(e.name()) && e.subclass() != null && e.subclass().startsWith("conference::");
    }

    private static Event firstTimestamped(List<Item> items) {
        for (Item i : items) {
            if (i instanceof Event e && e.event().timestampMicros() > 0) return e;
        }
        return null;
    }

    // ---- decoding: the esl codec frames and parses; this only walks the lines

    private static List<Item> decode(Path capture) throws IOException {
        String file = capture.toString();
        List<Item> items = new ArrayList<>();
        String outboundUuid = null;   // the channel of an outbound session, from the connect reply
        long previous = 0;
        try (BufferedReader r = Files.newBufferedReader(capture, StandardCharsets.UTF_8)) {
            String text;
            long n = 0;
            while ((text = r.readLine()) != null) {
                n++;
                if (text.isBlank()) continue;
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (IOException e) {
                    throw new EventLogException(file, n, "not a JSON object (" + e.getMessage().lines().findFirst().orElse("") + ")");
                }
                if (node == null || !node.isObject()) throw new EventLogException(file, n, "not a JSON object");
                JsonNode t = node.get("t");
                JsonNode dir = node.get("dir");
                JsonNode raw = node.get("raw");
                if (t == null || !t.isNumber() || t.asDouble() < 0) throw new EventLogException(file, n, "\"t\" is not a number of seconds");
                if (raw == null || !raw.isTextual()) throw new EventLogException(file, n, "\"raw\" is not a string");
                if (dir == null || !("send".equals(dir.asText()) || "recv".equals(dir.asText()))) {
                    throw new EventLogException(file, n, "\"dir\" is not \"send\" or \"recv\"");
                }
                long micros = Math.max(previous, Math.round(t.asDouble() * 1_000_000));
                previous = micros;
                ByteBuf bytes = Unpooled.wrappedBuffer(raw.asText().getBytes(StandardCharsets.UTF_8));
                if ("send".equals(dir.asText())) {
                    CommandFrame c;
                    try {
                        c = new EslCommandDecoder().decodeOne(bytes);
                    } catch (EslProtocolException e) {
                        throw new EventLogException(file, n, "not an ESL command: " + e.getMessage());
                    }
                    if (c == null) throw new EventLogException(file, n, "the command is incomplete (no blank line ends it)");
                    requireAllRead(file, n, bytes, "command");
                    String uuid = null;
                    if ("sendmsg".equals(c.verb())) {
                        uuid = c.rest().isEmpty() ? outboundUuid : c.rest();
                    }
                    items.add(new Command(n, micros, c, uuid));
                    continue;
                }
                EslFrame frame;
                try {
                    frame = new EslFrameDecoder().decodeOne(bytes);
                } catch (EslProtocolException e) {
                    throw new EventLogException(file, n, "not an ESL frame: " + e.getMessage());
                }
                if (frame == null) throw new EventLogException(file, n, "the frame is incomplete (shorter than its header block or Content-Length)");
                requireAllRead(file, n, bytes, "frame");
                if (frame.isEvent()) {
                    try {
                        items.add(new Event(n, micros, EslEvents.parse(frame)));
                    } catch (EventFormatException e) {
                        throw new EventLogException(file, n, "malformed " + frame.contentType() + " event: " + e.getMessage());
                    }
                    continue;
                }
                if (ContentType.COMMAND_REPLY.equals(frame.contentType()) && frame.header("Unique-ID") != null) {
                    // outbound mode: the connect reply is the channel's data; its events are this channel's
                    EslEvent channel = EslEvents.fromConnectReply(frame);
                    outboundUuid = channel.uniqueId();
                    items.add(new Other(n, micros, ContentType.COMMAND_REPLY, channel));
                    continue;
                }
                items.add(new Other(n, micros, frame.contentType(), null));
            }
        }
        return items;
    }

    private static void requireAllRead(String file, long n, ByteBuf bytes, String what) {
        while (bytes.isReadable()) {
            byte b = bytes.readByte();
            if (b != '\n' && b != '\r') {
                throw new EventLogException(file, n, "bytes after the end of the " + what + " (a line holds exactly one)");
            }
        }
    }

    // ---- which station a call belongs to

    /** The {@code station_id} of every call uuid the capture tells: from its events, originates and the connect reply. */
    private static final class Owners {
        private final Map<String, String> station = new HashMap<>();
        private final Map<String, String> renamed = new HashMap<>();   // CHANNEL_UUID: temporary uuid → final uuid
        private final Map<String, Set<String>> conferences = new HashMap<>();   // station_id → conference names

        Owners(List<Item> items) {
            for (Item i : items) {
                EslEvent e = i instanceof Event ev ? ev.event() : i instanceof Other o ? o.channel() : null;
                if (e != null) {
                    String sid = e.variable("station_id");
                    if (e.uniqueId() != null && sid != null) station.putIfAbsent(e.uniqueId(), sid);
                    if ("CHANNEL_UUID".equals(e.name()) && e.header("Old-Unique-ID") != null && e.uniqueId() != null) {
                        renamed.put(e.header("Old-Unique-ID"), e.uniqueId());
                    }
                } else if (i instanceof Command c && ("api".equals(c.command().verb()) || "bgapi".equals(c.command().verb()))) {
                    String cmd = c.command().rest();
                    Matcher sid = STATION_ID.matcher(cmd);
                    Matcher uuid = ORIGINATION_UUID.matcher(cmd);
                    if (cmd.startsWith("originate") && sid.find() && uuid.find()) station.putIfAbsent(uuid.group(1), sid.group(1));
                }
            }
            for (Item i : items) {
                if (i instanceof Event ev && ev.event().header("Conference-Name") != null && ev.event().uniqueId() != null) {
                    String sid = of(ev.event().uniqueId());
                    if (sid != null) conferences.computeIfAbsent(sid, k -> new HashSet<>()).add(ev.event().header("Conference-Name"));
                }
            }
        }

        String of(String uuid) {
            String s = station.get(uuid);
            if (s == null && renamed.containsKey(uuid)) s = station.get(renamed.get(uuid));
            return s;
        }

        /** A call's event by its uuid's station; a conference's event without one (or of a caller of no station) if a call of ours is in it. */
        boolean eventIsOf(String own, EslEvent e) {
            String sid = e.uniqueId() == null ? null : of(e.uniqueId());
            if (sid != null) return own.equals(sid);
            String conference = e.header("Conference-Name");
            return conference != null && conferences.getOrDefault(own, Set.of()).contains(conference);
        }

        /** A command is the station's unless it names another station ({@code station_id=…}) or another station's call and not ours. */
        boolean commandIsOf(String own, String cmd) {
            boolean other = false;
            Matcher sid = STATION_ID.matcher(cmd);
            while (sid.find()) {
                if (own.equals(sid.group(1))) return true;
                other = true;
            }
            Matcher uuid = UuidMap.UUID.matcher(cmd);
            while (uuid.find()) {
                String s = of(uuid.group());
                if (own.equals(s)) return true;
                if (s != null) other = true;
            }
            return !other;
        }
    }
}

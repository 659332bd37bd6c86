package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.control.ControlClient;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Operator commands on a whole host, as an attacker on the control port would send them: programs
 * are named, never pathed (and a reply never tells whether a file outside the folder exists), bad
 * values get an error naming the field and no Java text, and a station that is busy never holds the
 * control thread.
 */
class ControlCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What Java's own exception texts look like; none may reach an operator. */
    private static final Pattern JAVA_TEXT = Pattern.compile("For input string|Exception|java\\.|Text '|at index|null");

    @TempDir
    Path dir;

    private static final String STATIONS = """
              - id: g
                timezone: Africa/Kampala
                transmitter: [ { sip: user/3001 } ]
                program: show.js
              - id: j
                timezone: Africa/Kampala
                transmitter: [ { sip: user/3002 } ]
                program: show.js
            """;

    private static final String SHOW = "program({ apiVersion: 1, states: { waiting: { enter() { log.info('on air'); } } } });\n";

    private static Map<String, Object> command(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static String refused(ControlClient ops, Map<String, Object> command) throws Exception {
        Map<String, Object> reply = ops.send(command);
        assertEquals(false, reply.get("ok"), command + " -> " + reply);
        String error = String.valueOf(reply.get("error"));
        assertFalse(JAVA_TEXT.matcher(error).find(), command + " -> " + error);
        return error;
    }

    @Test
    void programsOutsideTheProgramsFolderAreNeverRunAndWhetherTheyExistIsNotTold() throws Exception {
        Files.writeString(dir.resolve("evil.js"), SHOW.replace("on air", "evil on air"));
        try (HostHarness h = new HostHarness(dir)) {
            h.program("show.js", SHOW);
            h.start(STATIONS);
            h.awaitLine("g log on air");
            String start = java.time.LocalDateTime.now(java.time.ZoneId.of("Africa/Kampala")).minusMinutes(1)
                    .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
            try (ControlClient ops = new ControlClient(h.controlEndpoint, 60_000)) {
                // pairs: a file that exists outside the folder, and one that does not
                List<String[]> pairs = List.of(
                        new String[] {"../evil.js", "../nothing.js"},
                        new String[] {dir.resolve("evil.js").toString(), dir.resolve("nothing.js").toString()},
                        new String[] {"media/../../evil.js", "media/../../nothing.js"},
                        new String[] {"/etc/passwd", "/etc/no-such-file"});
                for (String[] pair : pairs) {
                    for (String cmd : List.of("swap", "schedule-add")) {
                        String[] said = new String[2];
                        for (int i = 0; i < 2; i++) {
                            Map<String, Object> c = command("cmd", cmd, "station", "g", "program", pair[i]);
                            if (cmd.equals("schedule-add")) c.putAll(command("start", start, "duration", "1h", "priority", 9));
                            said[i] = refused(ops, c);
                            assertTrue(said[i].contains("no program named '" + pair[i] + "' in the programs folder"), said[i]);
                            assertFalse(said[i].replace(pair[i], "").contains(dir.toString()), "no host paths: " + said[i]);
                        }
                        assertEquals(said[0].replace(pair[0], "X"), said[1].replace(pair[1], "X"), "existing and missing files read alike");
                    }
                }
                String missing = refused(ops, command("cmd", "swap", "station", "g", "program", "nope.js"));
                assertEquals("no program named 'nope.js' in the programs folder", missing);

                Map<String, Object> list = ops.send(command("cmd", "schedule-list", "station", "g"));
                assertEquals(List.of(), list.get("entries"), list.toString());
            }
            h.host.settle();
            assertEquals("show.js", h.host.station("g").programName());
            assertEquals(0, h.count("g log evil on air"), h.lines.toString());
        }
    }

    @Test
    void fieldsOfTheWrongTypeOrValueGetAnErrorNamingTheFieldAndNoJavaText() throws Exception {
        try (HostHarness h = new HostHarness(dir)) {
            h.program("show.js", SHOW);
            h.start(STATIONS);
            h.awaitLine("g log on air");
            String start = "2030-01-01T10:00";
            try (ControlClient ops = new ControlClient(h.controlEndpoint, 60_000)) {
                assertTrue(refused(ops, command("cmd", "schedule-rm", "station", "g", "id", "abc")).contains("\"id\""));
                assertTrue(refused(ops, command("cmd", "schedule-rm", "station", "g", "id", List.of(1))).contains("\"id\""));
                assertTrue(refused(ops, command("cmd", "schedule-rm", "station", "g", "id", 1.5)).contains("\"id\""));
                assertTrue(refused(ops, command("cmd", "schedule-rm", "station", "g", "id", "99999999999999999999")).contains("\"id\""));
                assertTrue(refused(ops, command("cmd", "swap", "station", List.of("g"), "program", "show.js")).contains("\"station\""));
                assertTrue(refused(ops, command("cmd", "swap", "station", "g", "program", Map.of("a", 1))).contains("\"program\""));
                assertTrue(refused(ops, command("cmd", "swap", "station", "g")).contains("\"program\""));
                assertTrue(refused(ops, command("cmd", "reload", "program", 7)).contains("\"program\""));
                Map<String, Object> add = command("cmd", "schedule-add", "station", "g", "program", "show.js", "start", start, "duration", "1h");
                assertTrue(refused(ops, with(add, "priority", "high")).contains("\"priority\""));
                assertTrue(refused(ops, with(add, "start", "noon")).contains("\"start\""));
                assertTrue(refused(ops, with(add, "start", 12)).contains("\"start\""));
                assertTrue(refused(ops, with(add, "duration", "99999999999999999999h")).contains("\"duration\""));
                assertTrue(refused(ops, with(add, "repeat", "FREQ=DAILY;BYMONTHDAY=x")).contains("\"repeat\""));
                assertTrue(refused(ops, with(add, "repeat", "FREQ=DAILY;INTERVAL=99999999999")).contains("\"repeat\""));
                assertTrue(refused(ops, command("cmd", "nonsense")).contains("unknown command 'nonsense'"));

                assertEquals(true, ops.send(with(add, "priority", 3)).get("ok"), "a number where a number is due");
                assertEquals(true, ops.send(with(add, "priority", "4")).get("ok"), "and as the CLI sends it");
                assertEquals(true, ops.send(command("cmd", "status")).get("ok"), "the host goes on");
            }
        }
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }

    @Test
    void aBusyStationNeverHoldsTheControlThreadAndAClientThatLeftIsNotWaitedFor() throws Exception {
        try (HostHarness h = new HostHarness(dir); ZContext zmq = new ZContext()) {
            h.program("show.js", SHOW);
            h.start(STATIONS);
            h.awaitLine("g log on air");
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch holding = new CountDownLatch(1);
            h.host.station("g").submit(() -> {   // a handler that takes its time
                holding.countDown();
                try {
                    busy.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            holding.await();
            try {
                ZMQ.Socket asker = zmq.createSocket(SocketType.DEALER);
                asker.setReceiveTimeOut(60_000);
                asker.connect(h.controlEndpoint);
                asker.send("{\"cmd\":\"ping\",\"rid\":0}");
                assertTrue(asker.recvStr().contains("\"ok\":true"));
                asker.send("{\"cmd\":\"status\",\"rid\":1}");   // waits on g

                try (ControlClient other = new ControlClient(h.controlEndpoint, 60_000)) {
                    assertEquals(true, other.send(command("cmd", "schedule-list", "station", "j")).get("ok"));
                    assertNull(asker.recvStr(ZMQ.DONTWAIT), "the status is still waiting on g");
                    zmq.destroySocket(asker);   // and its asker goes away

                    // status waits for a busy station a bounded time, then says so; the reply nobody can take is dropped and counted
                    h.await("the unanswerable status is counted", () -> {
                        Map<String, Object> status = send(other, command("cmd", "status"));
                        @SuppressWarnings("unchecked")
                        List<Map<String, Object>> stations = (List<Map<String, Object>>) status.get("stations");
                        assertTrue(state(stations, "g").startsWith("busy (not answering within"), stations.toString());
                        assertEquals("waiting", state(stations, "j"), stations.toString());
                        @SuppressWarnings("unchecked")
                        Map<String, Object> counters = (Map<String, Object>) status.get("control");
                        return ((Number) counters.get("unanswered")).longValue() >= 1;
                    });
                }
            } finally {
                busy.countDown();
            }
            try (ControlClient ops = new ControlClient(h.controlEndpoint, 60_000)) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> stations = (List<Map<String, Object>>) ops.send(command("cmd", "status")).get("stations");
                assertEquals("waiting", state(stations, "g"), "g answers again: " + stations);
            }
        }
    }

    private static String state(List<Map<String, Object>> stations, String id) {
        return stations.stream().filter(m -> id.equals(m.get("station"))).map(m -> String.valueOf(m.get("state"))).findFirst().orElse("absent");
    }

    private static Map<String, Object> send(ControlClient client, Map<String, Object> command) {
        try {
            return client.send(command);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}

package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The host end to end over real TCP against the simulated switch: a Groovy and a JavaScript
 * program dial their transmitters, play media, react to keys and to a listener's call; a reload
 * keeps state; a compile error keeps the old version on air; a runaway loop and a throwing
 * handler are stopped and reported while the other station carries on; garbled ZeroMQ messages
 * are dropped and counted.
 */
class HostEndToEndTest {
    @TempDir
    Path dir;

    static String groovyShow(String version) {
        return """
                program {
                    apiVersion 1
                    state('dialling') {
                        enter { station.dialTransmitter() }
                        on.answered { e -> e.call.play('beep.wav') }
                        on.playbackDone { e -> go 'live' }
                    }
                    state('live') {
                        on.dtmf { e ->
                            if (e.digit == '1') { data.ones = (data.ones ?: 0) + 1; log.info("ones=${data.ones}"); e.call.play('beep.wav') }
                            if (e.digit == '0') throw new IllegalStateException('zero pressed')
                            if (e.digit == '7') { while (true) { } }
                        }
                        on.incomingCall { e -> e.call.answer(); e.call.play('beep.wav'); log.info("caller ${e.call.from} on ${e.line}") }
                        on.playbackDone { e -> log.info("VERSION played ${e.file}") }
                    }
                }
                """.replace("VERSION", version);
    }

    static final String JS_SHOW = """
            program({
              apiVersion: 1,
              states: {
                dialling: {
                  enter() { station.dialTransmitter(); },
                  answered(e) { e.call.play('beep.wav'); },
                  playbackDone(e) { go('live'); }
                },
                live: {
                  dtmf(e) {
                    if (e.digit === '1') { data.ones = (data.ones || 0) + 1; log.info(`ones=${data.ones}`); e.call.play('beep.wav'); }
                    if (e.digit === '0') throw new Error('zero pressed');
                    if (e.digit === '7') { while (true) { } }
                  },
                  incomingCall(e) { e.call.answer(); e.call.play('beep.wav'); log.info(`caller ${e.call.from} on ${e.line}`); },
                  playbackDone(e) { log.info(`js played ${e.file}`); }
                }
              }
            });
            """;

    static final String STATIONS = """
              - id: g
                timezone: Africa/Kampala
                transmitter: [ { sip: user/3001 } ]
                lines: { call-in: "7001" }
                program: show.groovy
              - id: j
                timezone: Africa/Kampala
                transmitter: [ { sip: user/3002 } ]
                lines: { call-in: "7002" }
                program: show.js
            """;

    @Test
    void groovyAndJavaScriptStationsRunSideBySideAndSurviveTheirFaults() throws Exception {
        try (HostHarness h = new HostHarness(dir); ZContext zmq = new ZContext()) {
            String otherHost = HostHarness.freeEndpoint();
            ZMQ.Socket remote = zmq.createSocket(SocketType.PUB);
            remote.bind(otherHost);
            h.program("show.groovy", groovyShow("v1"));
            h.program("show.js", JS_SHOW);
            h.start(STATIONS, otherHost);

            h.awaitLine("g state live");
            h.awaitLine("j state live");
            String gTx = h.host.station("g").station().getTransmitter().getId();
            String jTx = h.host.station("j").station().getTransmitter().getId();

            // keys and media, in both languages
            h.sim().pressDigits(gTx, "1");
            h.sim().pressDigits(jTx, "1");
            h.awaitLine("g log ones=1");
            h.awaitLine("g log v1 played beep.wav");
            h.awaitLine("j log ones=1");
            h.awaitLine("j log js played beep.wav");

            // a listener calls each station's call-in line
            h.sim().placeCall("256700000001", "7001");
            h.sim().placeCall("256700000002", "7002");
            h.awaitLine("g log caller 256700000001 on call-in");
            h.awaitLine("j log caller 256700000002 on call-in");

            // a throwing handler and a runaway loop are stopped and reported; the stations stay up
            h.sim().pressDigits(gTx, "0");
            h.sim().pressDigits(jTx, "7");
            h.await("both faults reported", () -> h.errors.size() >= 2);
            assertTrue(h.lines.stream().anyMatch(l -> l.startsWith("g error ") && l.contains("zero pressed")), h.lines.toString());
            assertTrue(h.lines.stream().anyMatch(l -> l.startsWith("j error ") && l.contains("ms of CPU time and was stopped")), h.lines.toString());
            assertTrue(h.errors.stream().anyMatch(e -> e.location() != null && e.location().startsWith("show.groovy:")), h.errors.toString());
            assertTrue(h.errors.stream().anyMatch(e -> e.location() != null && e.location().startsWith("show.js:")), h.errors.toString());
            h.sim().pressDigits(gTx, "1");
            h.sim().pressDigits(jTx, "1");
            h.awaitLine("g log ones=2");
            h.awaitLine("j log ones=2");

            // a saved change goes live between two events, keeping state and data
            h.program("show.groovy", groovyShow("v2"));
            h.await("reloaded", () -> h.count("g loaded show.groovy") == 2);
            assertEquals(2, new org.stationd.storage.ProgramVersions(h.host.database()).versions("show.groovy").size(), "both versions are on record");
            h.sim().pressDigits(gTx, "1");
            h.awaitLine("g log ones=3");
            h.awaitLine("g log v2 played beep.wav");
            assertEquals("live", h.host.station("g").state());

            // a change that does not compile leaves the running version on air
            h.program("show.groovy", "program { state('live') { on.dtmf { e -> if (e.digit == '1' { } } }\n");
            h.await("compile error reported", () -> h.errors.stream().anyMatch(e -> "reload".equals(e.handler()) && e.message().contains("show.groovy:1:")));
            h.sim().pressDigits(gTx, "1");
            h.awaitLine("g log ones=4");
            h.await("the old version played again", () -> h.count("g log v2 played beep.wav") == 2);

            // garbled ZeroMQ messages from another host are dropped and counted; the host goes on
            h.await("garbled messages counted", () -> {
                remote.send("no-body");
                return h.host.malformedMessages() >= 1;
            });
            h.sim().pressDigits(jTx, "1");
            h.awaitLine("j log ones=3");
        }
    }

    @Test
    void operatorsSeeStatusAndSwapAndReloadProgramsOverTheControlSocket() throws Exception {
        try (HostHarness h = new HostHarness(dir)) {
            h.program("show.groovy", groovyShow("v1"));
            h.program("show.js", JS_SHOW);
            h.program("quiet.js", "program({ apiVersion: 1, states: { waiting: { enter() { log.info('quiet now'); } } } });\n");
            h.start(STATIONS);
            h.awaitLine("g state live");
            try (org.stationd.control.ControlClient ops = new org.stationd.control.ControlClient(h.controlEndpoint, 60_000)) {
                java.util.Map<String, Object> status = ops.send(java.util.Map.of("cmd", "status"));
                assertEquals(true, status.get("ok"));
                @SuppressWarnings("unchecked")
                java.util.List<java.util.Map<String, Object>> stations = (java.util.List<java.util.Map<String, Object>>) status.get("stations");
                assertEquals("g", stations.get(0).get("station"));
                assertEquals("show.groovy", stations.get(0).get("program"));
                assertEquals("live", stations.get(0).get("state"));
                assertEquals(1L, ((Number) stations.get(0).get("calls")).longValue());

                java.util.Map<String, Object> swapped = ops.send(java.util.Map.of("cmd", "swap", "station", "g", "program", "quiet.js"));
                assertEquals(true, swapped.get("ok"), swapped.toString());
                h.awaitLine("g log quiet now");
                h.await("the old program's transmitter call is hung up", () -> h.host.station("g").station().getTransmitter() == null);

                // only programs in the programs folder: a path out of it is refused and the station keeps its program
                java.util.Map<String, Object> escape = ops.send(java.util.Map.of("cmd", "swap", "station", "g", "program", "../stations.yaml"));
                assertEquals(false, escape.get("ok"));
                assertTrue(String.valueOf(escape.get("error")).contains("no program named '../stations.yaml' in the programs folder"), escape.toString());
                assertEquals("quiet.js", h.host.station("g").programName());

                java.util.Map<String, Object> bad = ops.send(java.util.Map.of("cmd", "swap", "station", "nowhere", "program", "quiet.js"));
                assertEquals(false, bad.get("ok"));
                assertTrue(String.valueOf(bad.get("error")).contains("no station 'nowhere'"), bad.toString());

                h.awaitLine("j state live");
                java.util.Map<String, Object> reloaded = ops.send(java.util.Map.of("cmd", "reload", "program", "show.js"));
                assertEquals(true, reloaded.get("ok"), reloaded.toString());
                h.await("j reloaded", () -> h.count("j loaded show.js") == 2);
                h.await("j resumes in live", () -> "live".equals(h.host.station("j").state()));
                assertEquals(1, h.count("j state dialling"), h.lines.toString());
            }
        }
    }

    @Test
    void liveScheduleEditsOverTheControlSocketTakeEffectAtOnce() throws Exception {
        try (HostHarness h = new HostHarness(dir)) {
            h.program("show.groovy", groovyShow("v1"));
            h.program("show.js", JS_SHOW);
            h.program("special.js", "program({ apiVersion: 1, states: { special: { enter() { log.info('special on air'); } } } });\n");
            h.start(STATIONS);
            h.awaitLine("g state live");
            String now = java.time.LocalDateTime.now(java.time.ZoneId.of("Africa/Kampala")).minusMinutes(1)
                    .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
            try (org.stationd.control.ControlClient ops = new org.stationd.control.ControlClient(h.controlEndpoint, 60_000)) {
                java.util.Map<String, Object> added = ops.send(java.util.Map.of("cmd", "schedule-add", "station", "g", "program", "special.js",
                        "start", now, "duration", "1h", "priority", "5"));
                assertEquals(true, added.get("ok"), added.toString());
                h.awaitLine("g log special on air");
                assertEquals("special", h.host.station("g").state());

                java.util.Map<String, Object> list = ops.send(java.util.Map.of("cmd", "schedule-list", "station", "g"));
                @SuppressWarnings("unchecked")
                java.util.List<java.util.Map<String, Object>> entries = (java.util.List<java.util.Map<String, Object>>) list.get("entries");
                assertEquals(1, entries.size());
                assertEquals("special.js", entries.get(0).get("program"));
                assertEquals("live", entries.get(0).get("source"));

                java.util.Map<String, Object> removed = ops.send(java.util.Map.of("cmd", "schedule-rm", "station", "g", "id", entries.get(0).get("id")));
                assertEquals(true, removed.get("ok"), removed.toString());
                h.await("back to the default program", () -> h.count("g loaded show.groovy") == 2);

                java.util.Map<String, Object> bad = ops.send(java.util.Map.of("cmd", "schedule-add", "station", "g", "program", "special.js",
                        "start", now, "duration", "forever"));
                assertEquals(false, bad.get("ok"));
                assertTrue(String.valueOf(bad.get("error")).contains("'forever' is not a duration"), bad.toString());
            }
        }
    }

    @Test
    void theDatabaseIsWhereStationsYamlSays() throws Exception {
        java.nio.file.Path shared = dir.resolve("shared/stationd");
        // a JDBC URL in stations.yaml (here H2 in PostgreSQL mode standing in for a shared PostgreSQL)
        String url = "jdbc:h2:file:" + shared + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
        try (HostHarness h = new HostHarness(dir)) {
            h.program("show.groovy", groovyShow("v1"));
            h.program("show.js", JS_SHOW);
            h.extraYaml = "database:\n  url: \"" + url + "\"\n  user: sa\n  password: \"\"\n";
            h.start(STATIONS);
            h.awaitLine("g state live");
            String now = java.time.LocalDateTime.now(java.time.ZoneId.of("Africa/Kampala")).plusHours(2)
                    .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
            try (org.stationd.control.ControlClient ops = new org.stationd.control.ControlClient(h.controlEndpoint, 60_000)) {
                assertEquals(true, ops.send(java.util.Map.of("cmd", "schedule-add", "station", "g", "program", "show.js",
                        "start", now, "duration", "30m")).get("ok"));
            }
            assertTrue(java.nio.file.Files.exists(dir.resolve("shared/stationd.mv.db")), "the configured database is used");
            assertFalse(java.nio.file.Files.exists(dir.resolve("data/stationd.mv.db")), "and not the default one in data/");
            try (org.stationd.storage.Database db = org.stationd.storage.Database.open(url, "sa", "")) {
                var entries = new org.stationd.storage.ScheduleStore(db).list("g");
                assertEquals(1, entries.size(), entries.toString());
                assertEquals("show.js", entries.get(0).entry().program());
            }
        }
    }

    @Test
    void editingStationsYamlWhileRunningAddsRemovesAndKeepsStationsGoing() throws Exception {
        try (HostHarness h = new HostHarness(dir)) {
            h.program("show.groovy", groovyShow("v1"));
            h.program("show.js", JS_SHOW);
            h.start(STATIONS);
            h.awaitLine("g state live");
            java.nio.file.Path yaml = dir.resolve("stations.yaml");
            String text = java.nio.file.Files.readString(yaml);
            String head = text.substring(0, text.indexOf("stations:\n") + "stations:\n".length());
            String withoutJ = head + STATIONS.substring(0, STATIONS.indexOf("  - id: j")) + """
                      - id: n
                        timezone: Africa/Kampala
                        transmitter: [ { sip: user/3003 } ]
                        program: show.js
                    """;
            java.nio.file.Path tmp = dir.resolve(".stations.tmp");
            java.nio.file.Files.writeString(tmp, withoutJ);
            java.nio.file.Files.move(tmp, yaml, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            h.await("n on air", () -> "live".equals(h.host.station("n") == null ? null : h.host.station("n").state()));
            h.await("j gone", () -> h.host.station("j") == null);
            assertEquals(1, h.count("g loaded show.groovy"), "g was not touched");

            // a broken file changes nothing
            ch.qos.logback.classic.Logger hostLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(StationHost.class);
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> reported = new ch.qos.logback.core.read.ListAppender<>();
            reported.start();
            hostLog.addAppender(reported);
            try {
                java.nio.file.Files.writeString(tmp, head + "  - id: g\n    timezone: Nowhere/Land\n    program: show.groovy\n");
                java.nio.file.Files.move(tmp, yaml, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                h.await("the broken file reported", () -> reported.list.stream().anyMatch(e -> e.getFormattedMessage().contains("not applied")
                        && e.getFormattedMessage().contains("Nowhere/Land")));
            } finally {
                hostLog.detachAppender(reported);
            }
            assertEquals("live", h.host.station("g").state());
            assertEquals("live", h.host.station("n").state());
        }
    }
}

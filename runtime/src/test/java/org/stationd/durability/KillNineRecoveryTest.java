package org.stationd.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.script.ProgramSource;
import org.stationd.storage.Airings;
import org.stationd.storage.Cdrs;
import org.stationd.storage.Database;
import org.stationd.storage.DbKeyValueStore;
import org.stationd.storage.Leases;
import org.stationd.storage.ScheduleStore;

/**
 * A host process is killed with SIGKILL in the middle of a scheduled show and started again:
 * the schedule, the airing, the call records, the station's stored values and its lease are all
 * there, and the show resumes because its slot is still open.
 */
class KillNineRecoveryTest {
    @TempDir
    Path dir;
    /** Every host this test started: none outlives it, also when it fails. */
    private final List<Process> hosts = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void stopHosts() throws InterruptedException {
        for (Process p : hosts) {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static String free() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        }
    }

    private Process host(List<String> out, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(org.stationd.cli.JvmStartupWarningsTestAccess.flags());
        // the host says when a call record is written (the test's own logging config would hide it)
        cmd.add("-Dlogback.configurationFile=" + dir.resolve("logback.xml"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.stationd.cli.Main", "run", "--config", dir.resolve("stations.yaml").toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        hosts.add(p);
        Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) out.add(line);
            } catch (Exception ignored) {
                // the process died
            }
        });
        return p;
    }

    private static void await(List<String> out, String text) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (out.stream().noneMatch(l -> l.contains(text))) {
            if (System.nanoTime() > end) throw new AssertionError("the host never said '" + text + "':\n" + String.join("\n", out));
            Thread.sleep(50);
        }
    }

    @Test
    void aKilledHostComesBackWithEverythingAndTheShowResumes() throws Exception {
        Files.createDirectories(dir.resolve("programs/media"));
        Files.writeString(dir.resolve("programs/show.groovy"), """
                program {
                    apiVersion 1
                    state('on') {
                        enter {
                            station.store.put('visits', (station.store.get('visits') ?: 0) + 1)
                            if (station.lease('studio-token', 600)) log.info('token held')
                            station.dialTransmitter()
                        }
                        // the first transmitter call of each run is hung up and dialled again: a leg that ended
                        on.answered { e ->
                            if (data.redialled) { log.info('transmitter up'); return }
                            data.redialled = true
                            log.info('first transmitter call up: hanging it up')
                            e.call.hangup()
                        }
                        on.hangup { e -> log.info("transmitter call ended: ${e.cause}"); station.dialTransmitter() }
                    }
                }
                """);
        Files.writeString(dir.resolve("programs/idle.groovy"), "program { apiVersion 1\n state('idle') { } }\n");
        Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <statusListener class="ch.qos.logback.core.status.NopStatusListener"/>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%-5level %logger{20} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.stationd.host.CdrRecorder" level="DEBUG"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        Files.writeString(dir.resolve("sim.yaml"), "users:\n  \"3001\": { answer_after_ms: 100 }\n");
        String start = LocalDateTime.now(ZoneId.of("Africa/Kampala")).minusMinutes(1).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        Files.writeString(dir.resolve("stations.yaml"), "switch: sim\nsim: sim.yaml\ncontrol:\n  control: tcp://127.0.0.1:*\n  publish: tcp://127.0.0.1:*\n"
                // any free port for the web console: on its default (8080) a host of another test stops at once, its calls hung up
                + "console:\n  listen: \"127.0.0.1:0\"\n"
                + "stations:\n  - id: kla\n    timezone: Africa/Kampala\n    transmitter: [ { sip: user/3001 } ]\n    program: idle.groovy\n"
                + "    schedule:\n      - { program: show.groovy, start: \"" + start + "\", duration: 2h }\n");

        String showVersion = ProgramSource.read(dir.resolve("programs/show.groovy")).hash().substring(0, 12);
        java.time.Instant beforeStart = java.time.Instant.now();
        List<String> first = new CopyOnWriteArrayList<>();
        Process a = host(first);
        await(first, "show.groovy/on info: transmitter call ended: NORMAL_CLEARING");
        await(first, "call record written: kla outbound transmitter");   // committed: the write returned
        await(first, "show.groovy/on info: transmitter up");
        java.time.Instant killedAt = java.time.Instant.now();
        a.destroyForcibly();   // SIGKILL: no shutdown hook, no teardown, no clean close
        assertTrue(a.waitFor(20, TimeUnit.SECONDS));
        assertEquals(137, a.exitValue());

        long entryId;
        Cdrs.Cdr cdr;
        try (Database db = Database.openH2(dir.resolve("data"))) {
            List<ScheduleStore.Stored> grid = new ScheduleStore(db).list("kla");
            assertEquals(1, grid.size());
            entryId = grid.get(0).entry().id();
            List<Airings.Airing> airings = new Airings(db).forStation("kla");
            assertEquals(1, airings.size(), airings.toString());
            assertNull(airings.get(0).actualEnd(), "the host died during the show");
            assertEquals(1, new DbKeyValueStore(db, "kla").get("visits"));
            // the program's lease (its station's scope) was the dead host's, and lapses without it: 15 s at a time, renewed while it ran
            Leases leases = new Leases(db);
            assertEquals("kla", leases.current("station/kla/studio-token", killedAt).orElseThrow().holder());
            assertTrue(leases.current("station/kla/studio-token", killedAt.plusSeconds(16)).isEmpty(), "a dead host's lease lapses");

            // the transmitter call that ended before the kill has its record; the one up at the kill has none (nothing ended it)
            List<Cdrs.Cdr> cdrs = new Cdrs(db).forStation("kla");
            assertEquals(1, cdrs.size(), cdrs.toString());
            cdr = cdrs.get(0);
            assertEquals("kla", cdr.station());
            assertEquals(showVersion, cdr.program());
            assertEquals("outbound", cdr.direction());
            assertEquals("transmitter", cdr.role());
            assertEquals("3001", cdr.to(), cdr.toString());
            assertNotNull(cdr.from(), cdr.toString());
            assertEquals("NORMAL_CLEARING", cdr.hangupCause());
            assertNotNull(cdr.answered(), "the transmitter answered before it was hung up");
            assertTrue(!cdr.answered().isBefore(cdr.created()) && !cdr.ended().isBefore(cdr.answered()), cdr.toString());
            assertTrue(java.time.Duration.between(cdr.created(), cdr.answered()).toMillis() >= 90, "the transmitter answers after 100 ms: " + cdr);
            assertEquals(cdr.ended().toEpochMilli() - cdr.created().toEpochMilli(), cdr.durationMillis());
            assertTrue(cdr.created().isAfter(beforeStart) && cdr.ended().isBefore(java.time.Instant.now()), cdr.toString());
        }

        List<String> second = new CopyOnWriteArrayList<>();
        Process b = host(second);
        await(second, "show.groovy/on info: transmitter up");
        await(second, "call record written: kla outbound transmitter");   // the first call of this run, hung up by the show
        // this time a clean stop, as Ctrl-C, once the show is back (not after a time a loaded machine may miss): SIGTERM through
        // the handle, as Process.destroy() would also close the pipe the host's last words come through
        b.toHandle().destroy();
        assertTrue(b.waitFor(40, TimeUnit.SECONDS), String.join("\n", second));
        await(second, "stationd: stopped");   // the output is read on another thread: it may trail the exit

        try (Database db = Database.openH2(dir.resolve("data"))) {
            assertEquals(entryId, new ScheduleStore(db).list("kla").get(0).entry().id(), "the entry keeps its id across restarts");
            List<Airings.Airing> airings = new Airings(db).forStation("kla");
            assertEquals(2, airings.size(), airings.toString());
            assertEquals("cut", airings.get(0).status());
            assertEquals("the host stopped during the show", airings.get(0).reason());
            // the resumed airing began late and, as the host stopped before the slot ended, ends cut
            assertTrue(airings.get(1).actualStart().isAfter(airings.get(0).actualStart()));
            assertEquals(airings.get(0).plannedStart(), airings.get(1).plannedStart(), "the same slot");
            assertEquals("cut", airings.get(1).status());
            assertNotNull(airings.get(1).actualEnd());
            assertEquals(2, new DbKeyValueStore(db, "kla").get("visits"), "the store kept its value and the show ran again");
            assertTrue(second.stream().anyMatch(l -> l.contains("token held")), "the station still holds its token after the restart");

            // the record written before the kill is unchanged; the second run's ended legs are added
            Cdrs.Cdr beforeKill = cdr;
            List<Cdrs.Cdr> cdrs = new Cdrs(db).forStation("kla");
            assertEquals(beforeKill, cdrs.get(0), cdrs.toString());
            List<Cdrs.Cdr> added = cdrs.subList(1, cdrs.size());
            assertTrue(added.stream().anyMatch(c -> "transmitter".equals(c.role()) && showVersion.equals(c.program()) && "NORMAL_CLEARING".equals(c.hangupCause())
                    && c.answered() != null && c.created().isAfter(beforeKill.ended())), cdrs.toString());
            assertTrue(added.stream().noneMatch(c -> c.callId().equals(beforeKill.callId())), cdrs.toString());
        }
    }
}

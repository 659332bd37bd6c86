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
import org.stationd.storage.Airings;
import org.stationd.storage.Database;
import org.stationd.storage.DbKeyValueStore;
import org.stationd.storage.Leases;
import org.stationd.storage.ScheduleStore;

/**
 * A host process is killed with SIGKILL in the middle of a scheduled show and started again:
 * the schedule, the airing, the station's stored values and its lease are all there, and the show
 * resumes because its slot is still open.
 */
class KillNineRecoveryTest {
    @TempDir
    Path dir;

    private static String free() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        }
    }

    private Process host(List<String> out, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(org.stationd.cli.JvmStartupWarningsTestAccess.flags());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.stationd.cli.Main", "run", "--config", dir.resolve("stations.yaml").toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
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
                        on.answered { e -> log.info('transmitter up') }
                    }
                }
                """);
        Files.writeString(dir.resolve("programs/idle.groovy"), "program { apiVersion 1\n state('idle') { } }\n");
        Files.writeString(dir.resolve("sim.yaml"), "users:\n  \"3001\": { answer_after_ms: 100 }\n");
        String start = LocalDateTime.now(ZoneId.of("Africa/Kampala")).minusMinutes(1).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        Files.writeString(dir.resolve("stations.yaml"), "switch: sim\nsim: sim.yaml\ncontrol:\n  control: tcp://127.0.0.1:*\n  publish: tcp://127.0.0.1:*\n"
                + "stations:\n  - id: kla\n    timezone: Africa/Kampala\n    transmitter: [ { sip: user/3001 } ]\n    program: idle.groovy\n"
                + "    schedule:\n      - { program: show.groovy, start: \"" + start + "\", duration: 2h }\n");

        List<String> first = new CopyOnWriteArrayList<>();
        Process a = host(first);
        await(first, "show.groovy/on info: transmitter up");
        a.destroyForcibly();   // SIGKILL: no shutdown hook, no teardown, no clean close
        assertTrue(a.waitFor(20, TimeUnit.SECONDS));
        assertEquals(137, a.exitValue());

        long entryId;
        try (Database db = Database.openH2(dir.resolve("data"))) {
            List<ScheduleStore.Stored> grid = new ScheduleStore(db).list("kla");
            assertEquals(1, grid.size());
            entryId = grid.get(0).entry().id();
            List<Airings.Airing> airings = new Airings(db).forStation("kla");
            assertEquals(1, airings.size(), airings.toString());
            assertNull(airings.get(0).actualEnd(), "the host died during the show");
            assertEquals(1, new DbKeyValueStore(db, "kla").get("visits"));
            assertEquals("kla", new Leases(db).current("studio-token", java.time.Instant.now()).orElseThrow().holder());
        }

        List<String> second = new CopyOnWriteArrayList<>();
        Process b = host(second, "--for", "8");   // this time a clean stop, after 8 s
        await(second, "show.groovy/on info: transmitter up");
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
        }
    }
}

package org.stationd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.storage.Database;
import org.stationd.storage.DatabaseLock;

/** run says in one line what stands in its way before anything goes on air: a port in use, the database held by another host. */
class StartupCheckTest {
    @TempDir
    Path dir;

    private Path config(String control) throws Exception {
        Files.createDirectories(dir.resolve("programs"));
        Files.writeString(dir.resolve("programs/show.js"), "program({ apiVersion: 1, states: { a: { enter() { } } } });\n");
        Path yaml = dir.resolve("stations.yaml");
        Files.writeString(yaml, "programs: programs\ndata: data\ncontrol:\n  control: " + control + "\n  publish: tcp://127.0.0.1:*\nstations:\n"
                + "  - id: a\n    timezone: Africa/Kampala\n    transmitter: [ { sip: user/1 } ]\n    program: show.js\n");
        return yaml;
    }

    /** Its own lines, not the log lines a host in this JVM may write to the same stream. */
    private static List<String> said(String err) {
        return err.lines().filter(l -> l.startsWith("stationd:") || l.contains(": control.")).toList();
    }

    @Test
    void aDatabaseHeldByAnotherHostIsNamedWithTheKeyToChange() throws Exception {
        Path yaml = config("tcp://127.0.0.1:*");
        Files.createDirectories(dir.resolve("data"));
        try (Database other = Database.openH2(dir.resolve("data"))) {
            assertTrue(DatabaseLock.heldElsewhere(dir.resolve("data")));
            CliRun r = CliRun.stationd("run", "--config", yaml.toString(), "--for", "1");
            assertEquals(1, r.exit(), r.out() + r.err());
            assertEquals(List.of("stationd: the database " + dir.resolve("data/stationd.mv.db")
                    + " is open by another stationd host; stop that host, or give this one its own data: folder in stations.yaml"), said(r.err()));
            assertFalse(r.out().contains("on "), "nothing went on air: " + r.out());
        }
        assertFalse(DatabaseLock.heldElsewhere(dir.resolve("data")), "closed, the file is free again");
    }

    @Test
    void aControlPortInUseIsNamedWithItsKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path yaml = config("tcp://127.0.0.1:" + taken.getLocalPort());
            CliRun r = CliRun.stationd("run", "--config", yaml.toString(), "--for", "1");
            assertEquals(1, r.exit(), r.out() + r.err());
            assertTrue(r.err().lines().anyMatch(l -> l.startsWith(yaml + ":4:12: control.control: cannot listen on tcp://127.0.0.1:" + taken.getLocalPort()
                    + ": the port is in use")), r.err());
            assertFalse(r.out().contains("station(s) on"), r.out());
        }
    }
}

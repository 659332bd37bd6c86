package org.stationd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConfigLoader#loadForRun}: what {@code run} will need is tried (and let go) so {@code check} finds it, at the key's line and column. */
class RunReadinessTest {
    private static final String STATION = ConfigFiles.STATION;

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return ConfigFiles.write(dir, yaml);
    }

    private static List<String> errors(Path f) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.loadForRun(f)).errors().stream().map(ConfigError::toString).toList();
    }

    /** Line 1's column of the publish endpoint (port numbers vary in width). */
    private static int publishColumn(Path f) throws Exception {
        return Files.readAllLines(f).get(0).indexOf("publish: ") + "publish: ".length() + 1;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String sockets(int control, int publish) {
        return "control: { control: \"tcp://127.0.0.1:" + control + "\", publish: \"tcp://127.0.0.1:" + publish + "\" }\n";
    }

    @Test
    void aControlOrPublishPortInUseIsFoundBeforeTheHostStarts() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = held.getLocalPort();
            Path f = write(sockets(port, freePort()) + STATION);
            assertEquals(List.of(f + ":1:21: control.control: cannot listen on tcp://127.0.0.1:" + port
                    + ": the port is in use (is another stationd running? choose another port)"), errors(f));
            ConfigLoader.load(f);   // reading alone binds nothing: the live reload reads the file while the host holds its ports

            Path p = write(sockets(freePort(), port) + STATION);
            assertEquals(List.of(p + ":1:" + publishColumn(p) + ": control.publish: cannot listen on tcp://127.0.0.1:" + port
                    + ": the port is in use (is another stationd running? choose another port)"), errors(p));
        }
    }

    @Test
    void anAddressThatIsNotThisMachinesCannotBeListenedOn() throws Exception {
        org.stationd.control.ControlKeys.create(dir.resolve("keys"), "operator", false);
        Path f = write("control: { control: \"tcp://192.0.2.1:5570\", publish: \"tcp://127.0.0.1:" + freePort() + "\", keys: keys }\n" + STATION);
        assertEquals(List.of(f + ":1:21: control.control: cannot listen on tcp://192.0.2.1:5570: 192.0.2.1 is not an address of this machine"), errors(f));
        Path name = write("control: { control: \"tcp://no-such-host.invalid:5570\", publish: \"tcp://127.0.0.1:" + freePort() + "\", keys: keys }\n" + STATION);
        assertEquals(List.of(name + ":1:21: control.control: cannot listen on tcp://no-such-host.invalid:5570: no such host or interface 'no-such-host.invalid'"), errors(name));
    }

    @Test
    void theDataFolderMustBeAFolderOrOneThatCanBeMade() throws Exception {
        Path file = write(sockets(freePort(), freePort()) + "data: stations.yaml\n" + STATION);
        assertEquals(List.of(file + ":2:7: data: '" + file + "' is a file; data: names the folder for the event log and database"), errors(file));
        Path under = write(sockets(freePort(), freePort()) + "data: stations.yaml/data\n" + STATION);
        assertEquals(List.of(under + ":2:7: data: cannot make the folder '" + under.resolve("data") + "': '" + under + "' is a file"), errors(under));

        Path fresh = write(sockets(freePort(), freePort()) + "data: not/yet/made\n" + STATION);
        assertEquals(dir.resolve("not/yet/made"), ConfigLoader.loadForRun(fresh).dataDir());
        assertEquals(false, Files.exists(dir.resolve("not")), "trying makes nothing: run makes the folder");
    }

    @Test
    void theDatabaseUrlMustBeOneADriverHereTakes() throws Exception {
        String head = sockets(freePort(), freePort()) + "database:\n  url: ";
        Path mysql = write(head + "jdbc:mysql://db/stationd\n" + STATION);
        assertEquals(List.of(mysql + ":3:8: database.url: no JDBC driver here takes 'jdbc:mysql://db/stationd'; stationd has"
                + " PostgreSQL (jdbc:postgresql://HOST[:PORT]/DATABASE) and H2 (jdbc:h2:file:PATH)"), errors(mysql));
        Path port = write(head + "jdbc:postgresql://db:port/stationd\n" + STATION);
        assertEquals(List.of(port + ":3:8: database.url: no JDBC driver here takes 'jdbc:postgresql://db:port/stationd'; stationd has"
                + " PostgreSQL (jdbc:postgresql://HOST[:PORT]/DATABASE) and H2 (jdbc:h2:file:PATH)"), errors(port));

        assertEquals("jdbc:postgresql://db.example.org/stationd",
                ConfigLoader.loadForRun(write(head + "jdbc:postgresql://db.example.org/stationd\n" + STATION)).database().url());
    }

    @Test
    void theSimulatedSwitchsDialplanIsReadNowNotWhenTheSwitchStarts() throws Exception {
        Files.writeString(dir.resolve("sim.yaml"), "contexts:\n  stations:\n    \"^(\\\\d+)$\": { behaviour: dance }\n");
        Path f = write(sockets(freePort(), freePort()) + "sim: sim.yaml\n" + STATION);
        List<String> errors = errors(f);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(f + ":2:6: sim: the simulated switch's dialplan '" + dir.resolve("sim.yaml") + "': ")
                && errors.get(0).contains("unknown behaviour 'dance'"), errors.toString());

        Files.writeString(dir.resolve("sim.yaml"), "contexts: [[[\n");
        assertEquals(List.of(dir.resolve("sim.yaml") + ":2:1: not valid YAML: expected the node content, but found '<stream end>'"), errors(f));
        ConfigLoader.load(f);   // reading alone does not read the dialplan: only a simulated switch that starts does

        Path real = write(sockets(freePort(), freePort()) + "switch: esl://127.0.0.1:8021\nsim: sim.yaml\n" + STATION);
        ConfigLoader.loadForRun(real);   // a real switch: the dialplan is not used
    }

    @Test
    void aGoodConfigPassesAndLeavesItsPortsFree() throws Exception {
        int control = freePort();
        int publish = freePort();
        HostConfig c = ConfigLoader.loadForRun(write(sockets(control, publish) + STATION));
        assertEquals("tcp://127.0.0.1:" + control, c.control().control());
        for (int port : new int[] {control, publish}) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));   // throws if the try kept it
            }
        }
    }
}

package org.stationd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code console:} in stations.yaml: where the web console listens and the tokens it takes. */
class ConsoleConfigTest {
    private static final String STATION = ConfigFiles.STATION;

    @TempDir
    Path dir;

    private static List<String> errors(Path f) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void withoutConsoleKeyTheConsoleListensOnLoopbackPort8080() throws Exception {
        HostConfig c = ConfigLoader.load(ConfigFiles.write(dir, STATION));
        assertEquals(ConsoleConfig.DEFAULT, c.console());
        assertEquals("127.0.0.1:8080", c.console().listen());
        assertTrue(c.console().loopback());
    }

    @Test
    void listenOffTurnsTheConsoleOff() throws Exception {
        assertNull(ConfigLoader.load(ConfigFiles.write(dir, "console: { listen: off }\n" + STATION)).console());
    }

    @Test
    void aTokenComesFromTheFileOrTheEnvironmentAndReadOnlyTokensBesideIt() throws Exception {
        HostConfig c = ConfigLoader.load(ConfigFiles.write(dir,
                "console: { listen: \"0.0.0.0:9090\", token: abcdefghijklmnopqrstuvwxyz, read_only_token_env: PATH }\n" + STATION));
        assertEquals("0.0.0.0", c.console().host());
        assertEquals(9090, c.console().port());
        assertEquals(List.of("abcdefghijklmnopqrstuvwxyz"), c.console().tokens());
        assertEquals(List.of(System.getenv("PATH")), c.console().readOnlyTokens());
    }

    @Test
    void beyondLoopbackWithoutATokenTheHostDoesNotStart() throws Exception {
        Path f = ConfigFiles.write(dir, "console: { listen: \"0.0.0.0:9090\" }\n" + STATION);
        assertEquals(List.of(f + ":1:20: console.listen: '0.0.0.0:9090' is reachable from the network, so the console needs an access token:"
                + " add 'token_env: STATIOND_CONSOLE_TOKEN' (an environment variable holding it) or 'token: …' under console: (or listen on 127.0.0.1)"),
                errors(f));
    }

    @Test
    void badValuesAreReportedAtTheirKey() throws Exception {
        Path f = ConfigFiles.write(dir, "console: { listen: \"nowhere\", token_env: STATIOND_NO_SUCH_VARIABLE_H15, read_only_token: short, colour: red }\n" + STATION);
        List<String> e = errors(f);
        assertTrue(e.stream().anyMatch(s -> s.contains("console.colour: unknown key")), e.toString());
        assertTrue(e.contains(f + ":1:20: console.listen: must be HOST:PORT such as 127.0.0.1:8080 (port 0: any free one) or 'off', found 'nowhere'"), e.toString());
        assertTrue(e.stream().anyMatch(s -> s.endsWith("console.token_env: the environment variable STATIOND_NO_SUCH_VARIABLE_H15 is not set")), e.toString());
        assertTrue(e.stream().anyMatch(s -> s.endsWith("console.read_only_token: a console token must be at least 16 printable characters without spaces")), e.toString());
        assertTrue(e.stream().noneMatch(s -> s.contains("short")), "a token is never echoed: " + e);
    }

    @Test
    void checkFindsTheConsolePortInUseBeforeTheHostStarts() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = held.getLocalPort();
            Path f = ConfigFiles.write(dir, "control: { control: \"tcp://127.0.0.1:*\", publish: \"tcp://127.0.0.1:*\" }\nconsole: { listen: \"127.0.0.1:" + port + "\" }\n" + STATION);
            List<String> e = assertThrows(ConfigException.class, () -> ConfigLoader.loadForRun(f)).errors().stream().map(ConfigError::toString).toList();
            assertEquals(List.of(f + ":2:20: console.listen: cannot listen on 127.0.0.1:" + port
                    + ": the port is in use (is another stationd running? choose another port)"), e);
            ConfigLoader.load(f);   // reading alone binds nothing
        }
    }
}

package org.stationd.esl.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.testing.Shared;

/**
 * A real FreeSWITCH 1.10.12 from {@code ../shared/freeswitch}, started with its own folder on free
 * loopback ports: {@code start DIR ESL_PORT OUTBOUND_PORT}. It is ready when it answers
 * {@code auth}. A missing {@code shared/freeswitch} is an error, never a skip. Shipped in the esl
 * test-jar so the runtime's live suite uses the same one.
 */
public final class RealFreeSwitch implements AutoCloseable {
    /** System property naming the folder that holds {@code start} (set by the poms for surefire). */
    public static final String DIR_PROPERTY = "freeswitch.dir";
    public static final String PASSWORD = "ClueCon";
    private static final Duration READY = Duration.ofSeconds(90);

    private final Path home;
    private final Path dir;
    private final int eslPort;
    private final int outboundPort;
    private Process process;

    private RealFreeSwitch(Path home, Path dir, int eslPort, int outboundPort) {
        this.home = home;
        this.dir = dir;
        this.eslPort = eslPort;
        this.outboundPort = outboundPort;
    }

    /** Starts a switch in {@code dir} (created) and waits until it answers auth. */
    public static RealFreeSwitch start(Path dir) {
        try {
            RealFreeSwitch fs = new RealFreeSwitch(home(), Files.createDirectories(dir).toAbsolutePath(), freePort(), freePort());
            fs.launch();
            return fs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The folder with FreeSWITCH's {@code start}: {@value #DIR_PROPERTY}, else
     * {@code ../shared/freeswitch} beside the checkout ({@code stationd.home} or the Maven root).
     */
    public static Path home() {
        return Shared.find(DIR_PROPERTY, System.getProperty(DIR_PROPERTY), "freeswitch", p -> Files.isExecutable(p.resolve("start")));
    }

    private void launch() throws IOException {
        Path console = dir.resolve("console.log");
        process = new ProcessBuilder(home.resolve("start").toString(), dir.toString(), String.valueOf(eslPort), String.valueOf(outboundPort))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                .start();
        long deadline = System.nanoTime() + READY.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("FreeSWITCH exited with " + process.exitValue() + " before answering auth:\n"
                        + tail(console) + (tail(console).contains("libpcre") ? "\n(./stationd test installs libpcre3; run the tests through it)" : ""));
            }
            try (EslClient probe = EslClient.connect(options())) {
                probe.api("status").get(10, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e instanceof IOException io ? io : new IOException(e);
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);   // until it listens, or exits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while FreeSWITCH started", e);
            }
        }
        stop();
        throw new IllegalStateException("FreeSWITCH did not answer auth on 127.0.0.1:" + eslPort + " within " + READY.toSeconds() + " s: " + last
                + "\n" + tail(console));
    }

    /** Client options for this switch, reconnecting off (a test's own connection). */
    public EslClientOptions options() {
        return EslClientOptions.of("127.0.0.1", eslPort, PASSWORD).withReconnect(false, Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    /** {@code esl://127.0.0.1:PORT}, as stations.yaml names it. */
    public String url() {
        return "esl://127.0.0.1:" + eslPort;
    }

    public int eslPort() {
        return eslPort;
    }

    public int outboundPort() {
        return outboundPort;
    }

    public Path dir() {
        return dir;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** A graceful stop (SIGTERM): FreeSWITCH hangs its calls up and exits. */
    public void stop() {
        end(false);
    }

    /** A crash (SIGKILL): calls vanish without a hang-up. */
    public void kill() {
        end(true);
    }

    /** Starts it again on the same folder and ports (after {@link #stop} or {@link #kill}). */
    public void restart() {
        if (isRunning()) {
            throw new IllegalStateException("FreeSWITCH is still running");
        }
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void end(boolean hard) {
        if (process == null || !process.isAlive()) {
            return;
        }
        ProcessHandle h = process.toHandle();
        List<ProcessHandle> children = h.descendants().toList();
        if (hard) {
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        end(false);
    }

    /** The last lines of FreeSWITCH's own log, for a failure message. */
    public String logTail() {
        return tail(dir.resolve("log/freeswitch.log"));
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file + ")";
            }
            List<String> lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

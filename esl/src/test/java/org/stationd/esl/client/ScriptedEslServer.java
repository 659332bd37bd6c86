package org.stationd.esl.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A loopback stand-in for FreeSWITCH's Event Socket: a plain {@link ServerSocket}, one thread per
 * accepted connection, each running the script for its connection number (the last script serves
 * any further connections). A script failing (wrong command, unexpected EOF) is recorded and
 * reported by {@link #verify()} and by {@link #close()}.
 */
public final class ScriptedEslServer implements AutoCloseable {
    /** What the switch does on one connection. */
    @FunctionalInterface
    public interface Script {
        void run(ScriptedPeer peer, int connection) throws Exception;
    }

    private final ServerSocket server;
    private final long seed;
    private final List<Script> scripts;
    private final Thread acceptor;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Map<Integer, ScriptedPeer> peers = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    private int accepted;
    private int finished;

    private ScriptedEslServer(long seed, List<Script> scripts) throws IOException {
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.seed = seed;
        this.scripts = List.copyOf(scripts);
        this.acceptor = Thread.ofPlatform().name("scripted-esl-accept-" + port()).daemon(true).start(this::acceptLoop);
    }

    /** Starts serving on an ephemeral loopback port; connection {@code i} runs {@code scripts[min(i, n-1)]}. */
    public static ScriptedEslServer start(long seed, Script... scripts) throws IOException {
        if (scripts.length == 0) {
            throw new IllegalArgumentException("need at least one script");
        }
        return new ScriptedEslServer(seed, List.of(scripts));
    }

    /** A script that replays a capture. */
    public static Script replaying(RecordedSession session) {
        return (peer, i) -> peer.replay(session);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Client options pointing here, with quick reconnects so tests do not wait on backoff. */
    public EslClientOptions options(String password) {
        return EslClientOptions.of("127.0.0.1", port(), password)
                .withReconnect(true, Duration.ofMillis(20), Duration.ofMillis(200));
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;   // closed
            }
            int n;
            synchronized (lock) {
                n = accepted++;
                lock.notifyAll();
            }
            Script script = scripts.get(Math.min(n, scripts.size() - 1));
            Thread t = Thread.ofPlatform().name("scripted-esl-" + port() + "-conn-" + n).daemon(true).start(() -> {
                try (ScriptedPeer peer = new ScriptedPeer(s, new Random(seed * 31 + n))) {
                    peers.put(n, peer);
                    script.run(peer, n);
                } catch (Throwable e) {
                    if (!server.isClosed()) {
                        failures.add(new AssertionError("connection " + n + ": " + e.getMessage(), e));
                    }
                } finally {
                    synchronized (lock) {
                        finished++;
                        lock.notifyAll();
                    }
                }
            });
            threads.add(t);
        }
    }

    /** Connections accepted so far. */
    public int connections() {
        synchronized (lock) {
            return accepted;
        }
    }

    /** Waits until {@code n} connections were accepted. */
    public void awaitConnections(int n, Duration timeout) throws InterruptedException {
        await(() -> accepted >= n, timeout, "connection " + n);
    }

    /** Waits until {@code n} connection scripts have run to their end. */
    public void awaitScripts(int n, Duration timeout) throws InterruptedException {
        await(() -> finished >= n, timeout, n + " finished scripts");
    }

    private void await(java.util.function.BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    verify();
                    throw new AssertionError("timed out waiting for " + what + " (accepted " + accepted + ", finished " + finished + ")");
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    /** Every command received on connection {@code n}. */
    public List<String> received(int n) {
        ScriptedPeer p = peers.get(n);
        return p == null ? List.of() : p.received();
    }

    /** Throws the first script failure, if any, with the others suppressed. */
    public void verify() {
        List<Throwable> all = new ArrayList<>(failures);
        if (all.isEmpty()) {
            return;
        }
        AssertionError first = all.getFirst() instanceof AssertionError a ? a : new AssertionError(all.getFirst());
        all.stream().skip(1).forEach(first::addSuppressed);
        throw first;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        peers.values().forEach(ScriptedPeer::close);
        try {
            acceptor.join(5_000);
            for (Thread t : threads) {
                t.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        verify();
    }
}

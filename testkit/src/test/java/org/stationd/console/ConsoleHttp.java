package org.stationd.console;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A client of the console's API for tests: JSON in and out, and the event feed as a queue of lines. */
final class ConsoleHttp implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String origin;
    private String bearer;

    ConsoleHttp(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.origin = this.base;
    }

    ConsoleHttp bearer(String token) {
        this.bearer = token;
        return this;
    }

    record Answer(int status, String body, java.net.http.HttpHeaders headers) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            try {
                return Reply.JSON.readValue(body, Map.class);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    Answer get(String path) throws Exception {
        return send(builder(path).GET());
    }

    /** A change as the console's page makes it: with its own Origin. */
    Answer post(String path, Map<String, Object> body) throws Exception {
        return send(builder(path).header("Origin", origin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Reply.JSON.writeValueAsString(body))));
    }

    Answer send(String method, String path, Map<String, Object> body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = builder(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Reply.JSON.writeValueAsString(body)));
        headers.forEach(b::header);
        return send(b);
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        return b;
    }

    private Answer send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body(), r.headers());
    }

    /** The feed's {@code data:} lines as they come (all kept); returns once the feed is open. */
    List<String> feed() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpResponse<java.io.InputStream> r = http.send(builder("/api/events").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) throw new AssertionError("feed: " + r.statusCode());
        BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        if (!": open".equals(in.readLine())) throw new AssertionError("the feed did not open");
        Thread.ofVirtual().start(() -> {
            try {
                for (String l; (l = in.readLine()) != null; ) {
                    if (!l.startsWith("data: ")) continue;
                    synchronized (lines) {
                        lines.add(l.substring(6));
                        lines.notifyAll();
                    }
                }
            } catch (java.io.IOException closed) {
                // the test is over
            }
        });
        return lines;
    }

    /** Waits for a feed line (one come already, or the next ones) containing every one of {@code parts}. */
    static String await(List<String> feed, String... parts) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> want = List.of(parts);
        synchronized (feed) {
            while (true) {
                for (String l : feed) if (want.stream().allMatch(l::contains)) return l;
                long left = end - System.nanoTime();
                if (left <= 0) throw new AssertionError("no feed message with " + want + " within 30 s; had " + feed);
                TimeUnit.NANOSECONDS.timedWait(feed, left);
            }
        }
    }

    @Override
    public void close() {
        http.shutdownNow();   // close() would wait for the open feed
    }
}

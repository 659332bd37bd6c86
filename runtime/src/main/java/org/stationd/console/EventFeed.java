package org.stationd.console;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.stationd.station.MessageBus;

/**
 * The pages' live feed: server-sent events, one per message the host publishes on its bus
 * ({@code station/<id>/state|call|error|program|log|aired}, {@code phone/<leg>}, {@code host/…}),
 * as {@code event: message} with {@code {"topic":…,"data":…}}. A browser that cannot keep up (its
 * connection's buffer full) misses messages rather than holding up a station; they are counted.
 */
final class EventFeed implements AutoCloseable {
    private static final List<String> TOPICS = List.of("station/", "phone/", "host/");

    private final List<Channel> open = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();

    private final org.stationd.host.PerEventOutput perEvent;

    EventFeed(MessageBus bus, org.stationd.host.PerEventOutput perEvent) {
        this.perEvent = perEvent;
        for (String t : TOPICS) subscriptions.add(bus.subscribe(t, this::deliver));
    }

    /** Answers a request for the feed: the channel stays open and gets every message from now on. */
    void open(Channel ch) {
        DefaultHttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        res.headers().set("X-Accel-Buffering", "no");
        io.netty.handler.codec.http.HttpUtil.setTransferEncodingChunked(res, true);
        ch.write(res);
        // a first comment, so the browser's EventSource opens now (and a test can wait for it)
        ch.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(": open\n\n", StandardCharsets.UTF_8)));
        open.add(ch);
        perEvent.watching(+1);   // the page shows calls as they happen
        ch.closeFuture().addListener(f -> {
            open.remove(ch);
            perEvent.watching(-1);
        });
    }

    private final java.util.Map<String, java.time.Instant> errorAt = new java.util.concurrent.ConcurrentHashMap<>();

    /** When the station's program last reported an error (since the console started), or null. */
    java.time.Instant lastErrorAt(String station) {
        return errorAt.get(station);
    }

    private void deliver(String topic, Object data) {
        if (topic.startsWith("station/") && topic.endsWith("/error")) {
            errorAt.put(topic.substring("station/".length(), topic.length() - "/error".length()), java.time.Instant.now());
        }
        if (open.isEmpty()) return;
        String json;
        try {
            json = Reply.JSON.writeValueAsString(Map.of("topic", topic, "data", data == null ? Map.of() : data));
        } catch (Exception e) {
            return;   // the bus carries JSON-like values only
        }
        byte[] frame = ("event: message\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
        for (Channel ch : open) {
            if (!ch.isWritable()) {
                dropped.incrementAndGet();
                continue;
            }
            ch.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(frame)));
        }
    }

    long dropped() {
        return dropped.get();
    }

    int listeners() {
        return open.size();
    }

    @Override
    public void close() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception ignored) {
                // the bus is going too
            }
        }
        for (Channel ch : open) ch.close();
    }
}

package org.stationd.host;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.station.StationTap;
import org.stationd.storage.Cdrs;

/**
 * Writes a call detail record when a station's call leg is done (CHANNEL_HANGUP_COMPLETE carries
 * its whole story: direction, numbers, created/answered/hung-up times, cause). Writes happen on a
 * thread of their own: a slow database never holds up a station.
 */
final class CdrRecorder implements StationTap, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CdrRecorder.class);

    private final Cdrs cdrs;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("cdr-writer").daemon(true).factory());

    CdrRecorder(Cdrs cdrs) {
        this.cdrs = cdrs;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void record(String station, String programVersion, String state, String dir, String kind, Map<String, Object> fields) {
        if (!"in".equals(dir) || !"esl".equals(kind) || !"CHANNEL_HANGUP_COMPLETE".equals(fields.get("name"))) {
            return;
        }
        Map<String, String> h = (Map<String, String>) fields.get("headers");
        Instant created = micros(h.get("Caller-Channel-Created-Time"));
        Instant answered = micros(h.get("Caller-Channel-Answered-Time"));
        Instant ended = micros(h.get("Caller-Channel-Hangup-Time"));
        Long duration = created != null && ended != null ? ended.toEpochMilli() - created.toEpochMilli() : null;
        String direction = "inbound".equals(h.get("Call-Direction")) ? "inbound" : "outbound";
        Cdrs.Cdr cdr = new Cdrs.Cdr(h.get("Unique-ID"), station, programVersion, direction, h.get("Caller-Caller-ID-Number"),
                h.get("Caller-Destination-Number"), h.get("variable_stationd_role"), created == null ? Instant.now() : created,
                answered, ended, h.get("Hangup-Cause"), duration);
        writer.execute(() -> {
            try {
                cdrs.write(cdr);
                log.debug("call record written: {} {} {} leg {} {} → {}, {}", cdr.station(), cdr.direction(), cdr.role(), cdr.callId(),
                        cdr.from(), cdr.to(), cdr.hangupCause());
            } catch (RuntimeException e) {
                log.error("{}", e.getMessage());
            }
        });
    }

    /** FreeSWITCH's times are microseconds since the epoch; 0 means "never" (not answered). */
    private static Instant micros(String v) {
        if (v == null) return null;
        try {
            long us = Long.parseLong(v.trim());
            return us <= 0 ? null : Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

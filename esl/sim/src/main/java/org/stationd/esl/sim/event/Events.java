package org.stationd.esl.sim.event;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.sim.clock.SimClock;

/**
 * Makes events the way FreeSWITCH prepares them (core headers, global Event-Sequence counter,
 * Event-Date-* from the switch clock) and delivers them to every sink. Switch thread only, except
 * adding and removing sinks.
 */
public final class Events {
    private static final Logger log = LoggerFactory.getLogger(Events.class);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final SimClock clock;
    private volatile Identity identity;
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    private long sequence;
    private long fired;
    // Event-Date-Local/GMT change once a second; formatting them for every event is the costliest part of an event
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedLocal;
    private String cachedGmt;

    public Events(SimClock clock, Identity identity, long firstSequence) {
        this.clock = clock;
        this.identity = identity;
        this.sequence = firstSequence - 1;
    }

    public Identity identity() {
        return identity;
    }

    /** A restart: new Core-UUID and the sequence counter starts again, as in a fresh FreeSWITCH. */
    public void restart(Identity id, long firstSequence) {
        this.identity = id;
        this.cachedSecond = Long.MIN_VALUE;
        this.sequence = firstSequence - 1;
    }

    public void addSink(EventSink sink) {
        sinks.add(sink);
    }

    public void removeSink(EventSink sink) {
        sinks.remove(sink);
    }

    /** A new event with its core headers. */
    public EventBuilder create(String name, CallSite site) {
        EventBuilder b = new EventBuilder(this, name, null, ++sequence);
        core(b, name, site);
        return b;
    }

    /** A CUSTOM event: Event-Subclass comes first, as FreeSWITCH adds it when creating the event. */
    public EventBuilder custom(String subclass, CallSite site) {
        EventBuilder b = new EventBuilder(this, "CUSTOM", subclass, ++sequence);
        b.add("Event-Subclass", subclass);
        core(b, "CUSTOM", site);
        return b;
    }

    /**
     * An event whose first headers came from a socket command (PRIVATE_COMMAND, sendevent): those
     * headers, then the core ones.
     */
    public EventBuilder withLeadingHeaders(String name, String subclass, List<Map.Entry<String, String>> leading, CallSite site) {
        EventBuilder b = new EventBuilder(this, name, subclass, ++sequence);
        for (Map.Entry<String, String> h : leading) {
            b.add(h.getKey(), h.getValue());
        }
        core(b, name, site);
        return b;
    }

    /** Uses a sequence number without firing anything: FreeSWITCH numbers events nobody in the captures could see. */
    public void skipSequence() {
        ++sequence;
    }

    private void core(EventBuilder b, String name, CallSite site) {
        Identity id = identity;
        long us = clock.nowMicros();
        long second = Math.floorDiv(us, 1_000_000);
        if (second != cachedSecond) {
            Instant t = Instant.ofEpochSecond(second);
            cachedLocal = LOCAL.format(ZonedDateTime.ofInstant(t, id.zone()));
            cachedGmt = GMT.format(ZonedDateTime.ofInstant(t, java.time.ZoneOffset.UTC));
            cachedSecond = second;
        }
        b.add("Event-Name", name);
        b.add("Core-UUID", id.coreUuid());
        b.add("FreeSWITCH-Hostname", id.hostname());
        b.add("FreeSWITCH-Switchname", id.switchname());
        b.add("FreeSWITCH-IPv4", id.ipv4());
        b.add("FreeSWITCH-IPv6", id.ipv6());
        b.add("Event-Date-Local", cachedLocal);
        b.add("Event-Date-GMT", cachedGmt);
        b.add("Event-Date-Timestamp", us);
        b.add("Event-Calling-File", site.file());
        b.add("Event-Calling-Function", site.function());
        b.add("Event-Calling-Line-Number", site.line());
        b.add("Event-Sequence", sequence);
    }

    void deliver(SimEvent e) {
        fired++;
        for (EventSink s : sinks) {
            try {
                s.accept(e);
            } catch (RuntimeException ex) {
                log.warn("event sink {} failed on {}", s, e, ex);
            }
        }
    }

    public long fired() {
        return fired;
    }

    /** The date formats, for channel variables such as start_stamp. */
    public String localStamp(long epochMicros) {
        Instant t = Instant.ofEpochSecond(epochMicros / 1_000_000, (epochMicros % 1_000_000) * 1000);
        return LOCAL.format(ZonedDateTime.ofInstant(t, identity.zone()));
    }
}

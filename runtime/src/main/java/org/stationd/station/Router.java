package org.stationd.station;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.dispatch.EventListener;
import org.stationd.esl.dispatch.Gap;
import org.stationd.esl.event.EslEvent;

/**
 * Sends each FreeSWITCH event to the station that owns it: by call uuid (every call a station
 * places or takes is claimed), a new call parked on a station's number is that station's incoming
 * call, and conference events go to the stations using that conference. What belongs to no
 * station is counted, not silently lost.
 *
 * <p>It is the ESL client's intake: it runs on the event loop, in socket order, and posts each
 * event straight into its station's bounded queue (map lookups and a queue offer, nothing that
 * blocks). A station whose queue is full loses the event: counted, and the station is told how
 * many it missed before its next event.
 */
public final class Router implements EventListener, CallOwners {
    private static final Logger log = LoggerFactory.getLogger(Router.class);
    /** Events about the switch itself, not about any call: expected, not "unowned". */
    private static final List<String> SWITCH_EVENTS = List.of("HEARTBEAT", "RE_SCHEDULE", "BACKGROUND_JOB", "API", "MODULE_LOAD",
            "MODULE_UNLOAD", "SHUTDOWN", "STARTUP", "RELOADXML", "LOG", "PRESENCE_IN", "MESSAGE_WAITING");

    private final Map<String, StationContext> owners = new ConcurrentHashMap<>();
    private final Map<String, Line> lines = new ConcurrentHashMap<>();
    private final Map<String, StationContext> smsNumbers = new ConcurrentHashMap<>();
    private final Map<String, StationContext> stations = new ConcurrentHashMap<>();
    /** Conference (its name on the switch) → the stations using it: a shared one has many. */
    private final Map<String, Set<StationContext>> conferenceUsers = new ConcurrentHashMap<>();
    private final AtomicLong routed = new AtomicLong();
    private final AtomicLong unowned = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    /** Per station, the events it lost to a full queue and has not been told about yet. Event loop only. */
    private final Map<StationContext, AtomicLong> lost = new ConcurrentHashMap<>();

    private record Line(StationContext station, String name) {}

    private volatile java.util.function.Consumer<EslEvent> unownedCall = e -> { };

    /** Hears each new call parked on a number no station owns (its CHANNEL_PARK), on the event thread. */
    public void onUnownedCall(java.util.function.Consumer<EslEvent> refuse) {
        unownedCall = refuse;
    }

    public void add(StationContext station) {
        stations.put(station.id(), station);
        station.config().lines().forEach((name, numbers) -> numbers.forEach(n -> lines.put(n, new Line(station, name))));
        if (station.config().sms() != null) {
            smsNumbers.put(station.config().sms(), station);
        }
    }

    public void remove(StationContext station) {
        stations.remove(station.id());
        lines.values().removeIf(l -> l.station == station);
        smsNumbers.values().removeIf(s -> s == station);
        owners.values().removeIf(s -> s == station);
        conferenceUsers.values().forEach(users -> users.remove(station));
        lost.remove(station);
    }

    /** Whether a call is given to a station of this host. */
    public boolean routes(String uuid) {
        return owners.containsKey(uuid);
    }

    @Override
    public void claim(String uuid, StationContext station) {
        owners.put(uuid, station);
    }

    @Override
    public void release(String uuid) {
        owners.remove(uuid);
    }

    @Override
    public void usesConference(String switchName, StationContext station) {
        conferenceUsers.computeIfAbsent(switchName, k -> ConcurrentHashMap.newKeySet()).add(station);
    }

    @Override
    public void onEvent(EslEvent e) {
        String uuid = e.uniqueId();
        StationContext owner = uuid == null ? null : owners.get(uuid);
        if (owner != null) {
            send(owner, e, null);
            // a call's last event for its station, decided here in the order events arrive: whether a
            // later one (FreeSWITCH's CS_DESTROY CHANNEL_STATE) reaches the station never depends on its pace
            if ("CHANNEL_DESTROY".equals(e.name())) owners.remove(uuid, owner);
            return;
        }
        if ("CHANNEL_PARK".equals(e.name()) && "inbound".equals(e.header("Call-Direction")) && e.variable("station_id") == null) {
            Line line = lines.get(String.valueOf(e.header("Caller-Destination-Number")));
            if (line != null) {
                owners.put(uuid, line.station);
                send(line.station, e, line.name);
                return;
            }
            unowned.incrementAndGet();
            unownedCall.accept(e);   // a caller on a number no station owns is refused, not parked for ever
            return;
        }
        if ("BACKGROUND_JOB".equals(e.name())) {
            originateResult(e);
            return;
        }
        if ("MESSAGE".equals(e.name())) {
            sms(e);
            return;
        }
        if ("CUSTOM".equals(e.name()) && "conference::maintenance".equals(e.subclass())) {
            // looked up, not asked of every station: a conference event without a call id comes for each play and floor change
            Set<StationContext> users = conferenceUsers.get(String.valueOf(e.header("Conference-Name")));
            if (users != null && !users.isEmpty()) {
                users.forEach(s -> send(s, e, null));
                return;
            }
        }
        if (e.variable("station_id") != null) {
            foreign.incrementAndGet();   // the far leg of a station's loopback call: the station watches its own leg
            return;
        }
        if (SWITCH_EVENTS.contains(e.name())) {
            return;
        }
        if (unowned.incrementAndGet() % 1000 == 1) {
            log.debug("event {} belongs to no station (unowned so far: {})", e, unowned.get());
        }
    }

    /**
     * An originate's result goes to the station that placed it (by its {@code origination_uuid}): one
     * the link stopped waiting for tells the station whether its call was placed.
     */
    private void originateResult(EslEvent e) {
        String uuid = originationUuid(e.header("Job-Command"), e.header("Job-Command-Arg"));
        StationContext owner = uuid == null ? null : owners.get(uuid);
        if (owner == null) {
            return;
        }
        try {
            owner.submit(() -> owner.onLateJob(uuid, e.body()));
        } catch (RejectedExecutionException stopping) {
            log.debug("station {} is stopping; originate result of {} not handed over", owner.id(), uuid);
        }
    }

    /** The {@code origination_uuid} of {@code originate {…,origination_uuid=X,…}dial …}, or null. */
    static String originationUuid(String command, String args) {
        if (!"originate".equals(command) || args == null) {
            return null;
        }
        int i = args.indexOf("origination_uuid=");
        int end = args.indexOf('}');
        if (i < 0 || end < i) {
            return null;
        }
        i += "origination_uuid=".length();
        int stop = i;
        while (stop < end && args.charAt(stop) != ',') stop++;
        return stop > i ? args.substring(i, stop) : null;
    }

    /** mod_sms MESSAGE: {@code to_user} (or {@code to}) is the station's SMS number. */
    private void sms(EslEvent e) {
        String to = number(e.header("to_user") != null ? e.header("to_user") : e.header("to"));
        StationContext station = to == null ? null : smsNumbers.get(to);
        if (station == null) {
            unowned.incrementAndGet();
            log.warn("text message to {} belongs to no station", to);
            return;
        }
        String from = number(e.header("from_user") != null ? e.header("from_user") : e.header("from"));
        String text = e.body() == null ? "" : e.body();
        send(station, () -> station.onSms(from, text), e);
    }

    /** The headers of a MESSAGE event as mod_sms sends it (what {@link #sms} reads): replays and tests send texts with them. */
    public static Map<String, String> textHeaders(String from, String to) {
        return Map.of("proto", "sms", "from", from, "from_user", from, "to", to, "to_user", to);
    }

    /** {@code sip:+256700@host} → {@code +256700}. */
    static String number(String address) {
        if (address == null) return null;
        String a = address.startsWith("sip:") ? address.substring(4) : address;
        int at = a.indexOf('@');
        return at < 0 ? a : a.substring(0, at);
    }

    private void send(StationContext station, EslEvent e, String line) {
        send(station, () -> station.onEsl(e, line), e);
    }

    /** Into the station's queue; a full one loses the input (counted), and the station hears of the loss first thing once it has room. */
    private void send(StationContext station, Runnable input, EslEvent e) {
        routed.incrementAndGet();
        try {
            AtomicLong missed = lost.get(station);
            if (missed != null) {
                long n = missed.get();
                station.submit(() -> station.missedEvents(n));
                lost.remove(station);
            }
            station.submit(input);
        } catch (RejectedExecutionException ex) {
            rejected.incrementAndGet();
            if (closed) {
                log.debug("host stopping; station {} no longer takes {}", station.id(), e);
                return;
            }
            lost.computeIfAbsent(station, s -> {
                log.error("station {} is not keeping up (its queue is full); dropping its events, first {}", s.id(), e);
                return new AtomicLong();
            }).incrementAndGet();
        }
    }

    private volatile boolean closed;

    /** The host is stopping: its stations stop taking events, which is not a station falling behind. */
    public void close() {
        closed = true;
    }

    @Override
    public void onGap(Gap gap) {
        // after a reconnect the host asks the switch which calls survived (host.SwitchResync); an overflow is only counted
        log.warn("events from the switch may have been missed ({})", gap.detail());
    }

    public long routed() { return routed.get(); }
    public long unowned() { return unowned.get(); }
    public long foreign() { return foreign.get(); }
    public long rejected() { return rejected.get(); }
}

package org.stationd.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.client.ConnectionListener;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.dispatch.EventListener;
import org.stationd.esl.event.EslEvent;
import org.stationd.station.StationContext;

/**
 * Keeps the stations in step with the switch across its outages. When FreeSWITCH announces its
 * SHUTDOWN or the link drops, every station is told the switch is away and the calls it holds are
 * noted. Once the client is back (re-authenticated and re-subscribed), {@code show channels} says
 * which of those calls the switch still has; every other one reaches its program as a hang-up, in
 * order on the station's own thread, and the stations are told the switch is back (a transmitter
 * waiting for it is dialled at once; conferences are rebuilt as programs rejoin them). Events of
 * a dropped link are lost for good, which is why the switch is asked rather than trusted to say.
 */
final class SwitchResync implements ConnectionListener, EventListener {
    private static final Logger log = LoggerFactory.getLogger(SwitchResync.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A call that died with the switch: it restarted (a new Core-UUID), or the call ended while the link was down. */
    static final String RESTARTED = "SWITCH_RESTARTED";
    static final String LOST = "LOST_WHILE_DISCONNECTED";

    enum State { UP, SHUTTING_DOWN, DOWN, RESYNCHRONISING }

    private final EslClient client;
    private final Supplier<Collection<StationContext>> stations;
    private final java.util.function.Predicate<String> mayAct;
    /** Per station, the calls it held when the switch went away. */
    private final Map<String, Set<String>> suspects = new ConcurrentHashMap<>();
    private volatile State state = State.UP;
    private volatile Instant since = Instant.now();
    private volatile String coreUuid;
    private volatile String coreBefore;
    private volatile String last;
    private volatile boolean closed;

    SwitchResync(EslClient client, Supplier<Collection<StationContext>> stations) {
        this(client, stations, station -> true);
    }

    /** {@code mayAct}: whether a station may still send commands (in a cluster: its lease holds, see Fence). */
    SwitchResync(EslClient client, Supplier<Collection<StationContext>> stations, java.util.function.Predicate<String> mayAct) {
        this.client = client;
        this.stations = stations;
        this.mayAct = mayAct;
    }

    // ---- what operators see -------------------------------------------------------------------

    State state() {
        return state;
    }

    /** For {@code status}: {@code up}, {@code down since 22:41:03 (35 s)}, … and what the last resync found. */
    String describe() {
        String since = LocalTime.ofInstant(this.since, ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS)
                + " (" + Duration.between(this.since, Instant.now()).toSeconds() + " s)";
        String now = switch (state) {
            case UP -> "up";
            case SHUTTING_DOWN -> "shutting down since " + since;
            case DOWN -> "down since " + since + "; reconnecting";
            case RESYNCHRONISING -> "reconnected, resynchronising calls";
        };
        return last == null || state != State.UP ? now : now + " (" + last + ")";
    }

    // ---- what the switch and the client say ---------------------------------------------------

    @Override
    public void onEvent(EslEvent e) {
        String core = e.header("Core-UUID");
        if (core != null && state == State.UP) {
            coreUuid = core;
        }
        if ("SHUTDOWN".equals(e.name()) && state == State.UP) {
            log.warn("FreeSWITCH is shutting down; stations wait for it");
            away(State.SHUTTING_DOWN);
        }
    }

    @Override
    public void onDisconnected(Throwable cause) {
        if (!closed) {
            away(State.DOWN);
        }
    }

    @Override
    public void onConnected(boolean reconnect) {
        if (!reconnect || closed) {
            return;
        }
        state = State.RESYNCHRONISING;
        since = Instant.now();
        resync(0);
    }

    private void away(State why) {
        if (state == State.UP || state == State.RESYNCHRONISING) {
            coreBefore = coreUuid;
        }
        if (state != State.DOWN) {
            state = why;
            since = Instant.now();
        }
        for (StationContext s : stations.get()) {
            suspects.computeIfAbsent(s.id(), k -> ConcurrentHashMap.newKeySet()).addAll(s.liveCallIds());
            tell(s, () -> s.switchState(true));
        }
    }

    /** Asks the switch what it still has; a switch too busy to answer is asked again. */
    private void resync(int tries) {
        CompletableFuture<String> core = client.api("global_getvar core_uuid").thenApply(r -> r.isError() ? null : r.body().strip())
                .exceptionally(e -> null);
        core.thenCompose(c -> client.api("show channels as json").thenApply(r -> Map.entry(c == null ? "" : c, r.body())))
                .whenComplete((answer, err) -> {
                    if (state != State.RESYNCHRONISING || closed) {
                        return;   // the link dropped again meanwhile: the next reconnect resyncs
                    }
                    if (err != null || answer.getValue().startsWith("-ERR")) {
                        String why = err != null ? err.getMessage() : answer.getValue().strip();
                        log.warn("cannot ask FreeSWITCH for its channels ({}); trying again", why);
                        CompletableFuture.delayedExecutor(Math.min(10, 1L << Math.min(tries, 3)), TimeUnit.SECONDS)
                                .execute(() -> { if (state == State.RESYNCHRONISING) resync(tries + 1); });
                        return;
                    }
                    Set<String> alive;
                    try {
                        alive = uuids(answer.getValue());
                    } catch (Exception e) {
                        log.error("FreeSWITCH's channel list is unreadable ({}); stations keep their calls", e.getMessage());
                        alive = null;
                    }
                    boolean restarted = !answer.getKey().isEmpty() && coreBefore != null && !coreBefore.equals(answer.getKey());
                    back(alive, restarted ? RESTARTED : LOST);
                });
    }

    private void back(Set<String> alive, String cause) {
        int lost = 0;
        int affected = 0;
        for (StationContext s : stations.get()) {
            Set<String> held = suspects.remove(s.id());
            Set<String> gone = new HashSet<>();
            if (held != null && alive != null) {
                held.stream().filter(id -> !alive.contains(id)).forEach(gone::add);
            }
            lost += gone.size();
            affected += gone.isEmpty() ? 0 : 1;
            if (alive != null) {
                hangUpStrays(s, alive);
            }
            tell(s, () -> {
                s.callsLost(gone, cause);
                s.switchState(false);
            });
        }
        last = "back at " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + ": " + lost + " call(s) lost on " + affected + " station(s), " + cause;
        log.info("FreeSWITCH is back; {} call(s) the stations held died with it ({}), on {} station(s)", lost, cause, affected);
        state = State.UP;
        since = Instant.now();
    }

    /** A call the switch placed although the link lost the originate's answer: nobody holds it, so nothing would ever end it. */
    private void hangUpStrays(StationContext s, Set<String> alive) {
        for (String id : s.takeUncertainOriginates()) {
            if (alive.contains(id) && !s.owns(id) && mayAct.test(s.id())) {   // in a cluster, only while the station's lease holds
                log.info("station {}: hanging up call {}, placed by the switch after the link lost its originate", s.id(), id);
                client.api("uuid_kill " + id + " NORMAL_CLEARING");
            }
        }
    }

    private static void tell(StationContext s, Runnable task) {
        try {
            s.submit(task);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            log.debug("station {} is stopping; not told about the switch", s.id());
        }
    }

    /** The host is stopping: its stations are gone, whatever the link does now. */
    void close() {
        closed = true;
    }

    /** The uuids in {@code show channels as json}: {@code {"row_count":2,"rows":[{"uuid":…},…]}}, or {@code {"row_count": 0}}. */
    static Set<String> uuids(String json) throws java.io.IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.has("row_count")) {
            throw new java.io.IOException("not a channel list: " + json.strip());
        }
        Set<String> out = new HashSet<>();
        for (JsonNode row : root.path("rows")) {
            out.add(row.path("uuid").asText());
        }
        return out;
    }
}

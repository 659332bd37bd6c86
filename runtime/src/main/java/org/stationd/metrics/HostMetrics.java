package org.stationd.metrics;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.stationd.esl.client.ConnectionListener;
import org.stationd.esl.client.EslClient;
import org.stationd.station.StationContext;
import org.stationd.station.StationTap;

/**
 * What a host exports on {@code /metrics} (docs/console.md lists them), fed from where things happen:
 * the stations' tap (events in and out, swaps and reloads, calls ended), the handler runner, the
 * program loader, the airing log, the database pool and the switch connection.
 */
public final class HostMetrics {
    private static final Metrics M = Metrics.global();

    public static final Metrics.Counter EVENTS_IN = M.counter("stationd_station_events_in_total",
            "Inputs a station took: switch events, timers, topics, operator commands", "station");
    public static final Metrics.Counter EVENTS_OUT = M.counter("stationd_station_events_out_total",
            "Commands a station's program sent to the switch", "station");
    public static final Metrics.Histogram HANDLER = M.histogram("stationd_handler_seconds",
            "Time a program's event handler ran", Metrics.SECONDS, "station");
    public static final Metrics.Counter LOADS = M.counter("stationd_program_loads_total",
            "Programs put on a station: swap (a fresh start) or reload (same state and data)", "station", "kind");
    public static final Metrics.Histogram COMPILE = M.histogram("stationd_program_compile_seconds",
            "Time to compile and check a program version (what a reload or swap waits for)", Metrics.SECONDS, "program");
    public static final Metrics.Counter CALLS = M.counter("stationd_calls_total",
            "Call legs of a station that ended", "station", "direction");
    public static final Metrics.Counter CALL_FAILURES = M.counter("stationd_call_failures_total",
            "Call legs that ended without being answered, by FreeSWITCH hangup cause", "station", "cause");
    public static final Metrics.Counter AIRINGS = M.counter("stationd_airings_total",
            "Scheduled shows by how they aired: ok, late, cut, missed, failed, no_media", "station", "status");
    public static final Metrics.Counter RECONNECTS = M.counter("stationd_esl_reconnects_total",
            "Times the switch connection came back after it was lost");
    public static final Metrics.Histogram DATABASE = M.histogram("stationd_database_seconds",
            "Time a database connection was in use for one operation", Metrics.SECONDS);

    private HostMetrics() {}

    /** Counts what stations take in and send out, program loads and ended calls. */
    public static final StationTap TAP = HostMetrics::record;

    @SuppressWarnings("unchecked")
    private static void record(String station, String programVersion, String state, String dir, String kind, Map<String, Object> fields) {
        if ("out".equals(dir)) {
            EVENTS_OUT.inc(station);
            return;
        }
        EVENTS_IN.inc(station);
        if ("op".equals(kind) && fields.get("cmd") instanceof String cmd && (cmd.equals("swap") || cmd.equals("reload"))) {
            LOADS.inc(station, cmd);
        } else if ("esl".equals(kind) && "CHANNEL_HANGUP_COMPLETE".equals(fields.get("name")) && fields.get("headers") instanceof Map<?, ?> h) {
            Map<String, String> headers = (Map<String, String>) h;
            CALLS.inc(station, "inbound".equals(headers.get("Call-Direction")) ? "inbound" : "outbound");
            String answered = headers.get("Caller-Channel-Answered-Time");
            if (answered == null || answered.isBlank() || answered.trim().equals("0")) {
                CALL_FAILURES.inc(station, String.valueOf(headers.getOrDefault("Hangup-Cause", "UNKNOWN")));
            }
        }
    }

    /** The pool's tracker: how long each borrowed connection was used. */
    public static MetricsTrackerFactory database() {
        return (poolName, stats) -> new IMetricsTracker() {
            @Override
            public void recordConnectionUsageMillis(long millis) {
                DATABASE.observe(millis / 1000.0);
            }
        };
    }

    /**
     * Gauges of a running host (the last one started in this process): stations' queue depths, and
     * inputs dropped (the switch's event dispatch, the event log's writer); reconnects of its switch.
     */
    /** Whether the running host's link to each switch is up (1) or away (0), by the switch's name in stations.yaml. */
    public static void switches(Supplier<Map<String, Boolean>> up) {
        M.gauge("stationd_switch_up", "Whether the host's link to each switch is up (1) or away (0)", () -> {
            Map<List<String>, Double> m = new LinkedHashMap<>();
            up.get().forEach((name, isUp) -> m.put(List.of(name), isUp ? 1.0 : 0.0));
            return m;
        }, "switch");
    }

    public static void watch(List<EslClient> clients, Supplier<java.util.Collection<StationContext>> stations, Supplier<Long> eventLogDropped) {
        for (EslClient client : clients) {   // one per switch: the figures are the host's, summed over its switches
            client.addConnectionListener(new ConnectionListener() {
                @Override
                public void onConnected(boolean reconnect) {
                    if (reconnect) RECONNECTS.inc();
                }
            });
        }
        M.gauge("stationd_station_queue_depth", "Inputs waiting for a station's thread", () -> {
            Map<List<String>, Double> m = new LinkedHashMap<>();
            for (StationContext s : stations.get()) m.put(List.of(s.id()), (double) s.executor().queued());
            return m;
        }, "station");
        M.gauge("stationd_switch_event_queue_depth", "Switch events waiting to be dispatched", () ->
                Map.of(List.of(), (double) clients.stream().mapToLong(c -> c.stats().queueDepth()).sum()));
        M.counterReadAt("stationd_dropped_events_total", "Inputs dropped because their reader fell behind, by where", () -> {
            Map<List<String>, Double> m = new LinkedHashMap<>();
            m.put(List.of("switch-dispatch"), (double) clients.stream().mapToLong(c -> c.stats().dropped()).sum());
            m.put(List.of("eventlog"), (double) eventLogDropped.get());
            return m;
        }, "where");
    }
}

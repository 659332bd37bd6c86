package org.stationd.host;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.stationd.api.ProgramError;
import org.stationd.station.StationListener;

/**
 * One readable line per meaningful change, for `./stationd run`: time, station, program, what
 * happened. A call's events (answers, keys, hang-ups) only when asked for ({@link PerEventOutput}).
 * A host with more than {@value #LINES_UP_TO} stations prints programs going on air and state
 * changes as a summary line every {@value #SUMMARY_SECONDS} s while they change (how many stations
 * are in which state), not a line each; errors and program lines stay one line each.
 */
public final class ConsoleListener implements StationListener {
    static final int LINES_UP_TO = 20;
    static final int SUMMARY_SECONDS = 2;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final PrintStream out;
    private final boolean events = PerEventOutput.requestedNow();
    private final boolean summary;
    private final int stations;
    private final Map<String, String> states = new ConcurrentHashMap<>();   // summary: each station's program/state
    private final AtomicBoolean changed = new AtomicBoolean();

    ConsoleListener(PrintStream out) {
        this(out, 0);
    }

    /** For a host of {@code stations} stations (a summary above {@value #LINES_UP_TO}). */
    public ConsoleListener(PrintStream out, int stations) {
        this.out = out;
        this.stations = stations;
        this.summary = stations > LINES_UP_TO;
        if (summary) {
            Thread.ofPlatform().name("console-summary").daemon(true).start(this::summarise);
        }
    }

    private void line(String station, String what) {
        out.printf("%s  %-12s %s%n", LocalTime.now().format(TIME), station, what);
    }

    @Override
    public void programLoaded(String station, String program, String version) {
        if (summary) {
            states.put(station, program + " loading");
            changed.set(true);
            return;
        }
        line(station, "program " + program + " on air (version " + version.substring(0, Math.min(8, version.length())) + ")");
    }

    @Override
    public void stateChanged(String station, String program, String from, String to) {
        if (summary) {
            states.put(station, program + " " + to);
            changed.set(true);
            return;
        }
        line(station, program + ": " + (from == null ? "starts in" : from + " →") + " " + to);
    }

    @Override
    public void callEvent(String station, String callId, String what) {
        if (events) {
            line(station, "call " + callId.substring(0, Math.min(8, callId.length())) + ": " + what);
        }
    }

    @Override
    public void programError(String station, String program, ProgramError error) {
        line(station, "ERROR in " + program + " (" + error.handler() + (error.state() == null ? "" : " in state " + error.state()) + "): "
                + error.message() + (error.location() == null ? "" : " at " + error.location()));
    }

    @Override
    public void log(String station, String program, String state, String level, String message) {
        if (!"debug".equals(level)) {
            line(station, program + "/" + state + " " + level + ": " + message);
        }
    }

    private void summarise() {
        while (true) {
            try {
                TimeUnit.SECONDS.sleep(SUMMARY_SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (changed.getAndSet(false)) {
                out.printf("%s  %s%n", LocalTime.now().format(TIME), summaryLine());
            }
        }
    }

    /** e.g. {@code 1,000 stations: 998 onair.groovy on-air, 2 onair.groovy dialling}. */
    String summaryLine() {
        Map<String, Integer> count = new TreeMap<>();
        for (String s : states.values()) count.merge(s, 1, Integer::sum);
        StringBuilder b = new StringBuilder(String.format("%,d stations:", stations));
        String sep = " ";
        for (Map.Entry<String, Integer> e : count.entrySet()) {
            b.append(sep).append(String.format("%,d ", e.getValue())).append(e.getKey());
            sep = ", ";
        }
        int none = stations - states.size();
        if (none > 0) b.append(sep).append(String.format("%,d", none)).append(" without a program yet");
        return b.toString();
    }
}

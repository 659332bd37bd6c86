package org.stationd.host;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.stationd.api.ProgramError;
import org.stationd.station.StationListener;

/** One readable line per meaningful change, for `./stationd run`: time, station, program, what happened. */
final class ConsoleListener implements StationListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final PrintStream out;

    ConsoleListener(PrintStream out) {
        this.out = out;
    }

    private void line(String station, String what) {
        out.printf("%s  %-12s %s%n", LocalTime.now().format(TIME), station, what);
    }

    @Override
    public void programLoaded(String station, String program, String version) {
        line(station, "program " + program + " on air (version " + version.substring(0, Math.min(8, version.length())) + ")");
    }

    @Override
    public void stateChanged(String station, String program, String from, String to) {
        line(station, program + ": " + (from == null ? "starts in" : from + " →") + " " + to);
    }

    @Override
    public void callEvent(String station, String callId, String what) {
        line(station, "call " + callId.substring(0, Math.min(8, callId.length())) + ": " + what);
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
}

package org.stationd.station;

import java.time.Duration;
import org.stationd.api.Log;
import org.stationd.limits.Limits;
import org.stationd.limits.LogBudget;
import org.stationd.limits.Refusals;

/**
 * A station program's {@code log}: at most {@link Limits#LOG_LINES_PER_MINUTE} lines a minute, each
 * cut at {@link Limits#LOG_LINE_CHARS}. The lines past the budget are dropped, counted ({@code log}
 * in {@code status}) and told in one warning when the minute ends, so a program that logs in a loop
 * (180,000 lines in 20 s) costs the host and the operator one line. Station thread only.
 */
final class ProgramLog implements Log {
    private final StationContext station;
    private final Scheduler clock;
    private final Refusals refusals;
    private final LogBudget budget = new LogBudget(Limits.LOG_LINES_PER_MINUTE);

    ProgramLog(StationContext station, Scheduler clock, Refusals refusals) {
        this.station = station;
        this.clock = clock;
        this.refusals = refusals;
    }

    @Override public void info(String message) { log("info", message); }
    @Override public void warn(String message) { log("warn", message); }
    @Override public void error(String message) { log("error", message); }
    @Override public void debug(String message) { log("debug", message); }

    private void log(String level, String message) {
        switch (budget.admit(clock.now())) {
            case LOG -> station.log(level, cut(String.valueOf(message)));
            case FIRST_DROP -> {
                refusals.count("log", 1);
                station.scheduleOnThread(Duration.between(clock.now(), budget.windowEnd()), this::dropped);
            }
            case DROP -> refusals.count("log", 1);
        }
    }

    private void dropped() {
        long n = budget.closeWindow();
        station.log("warn", n + " log line(s) of station " + station.id() + " dropped in the last minute (the limit is "
                + Limits.LOG_LINES_PER_MINUTE + " a minute)");
    }

    private static String cut(String message) {
        return message.length() <= Limits.LOG_LINE_CHARS ? message
                : message.substring(0, Limits.LOG_LINE_CHARS) + "… (" + (message.length() - Limits.LOG_LINE_CHARS) + " more characters)";
    }
}

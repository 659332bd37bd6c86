package org.stationd.esl.sim.api;

import java.util.concurrent.CompletableFuture;
import org.stationd.esl.sim.SwitchCore;

/** {@code status}: uptime, version, session counters, in FreeSWITCH's words (capture 01). */
final class StatusApi implements ApiCommand {
    @Override
    public String name() {
        return "status";
    }

    @Override
    public CompletableFuture<String> execute(ApiRequest r) {
        SwitchCore c = r.core();
        int sps = c.options().sessionsPerSecond() > 0 ? c.options().sessionsPerSecond() : 30;
        String body = "UP " + SwitchCore.upTime(c.uptimeMicros(), false) + "\n"
                + SwitchCore.READY_LINE + "\n"
                + c.channels().sinceStartup() + " session(s) since startup\n"
                + c.channels().count() + " session(s) - peak " + c.channels().peak() + ", last 5min " + c.channels().peakFiveMin() + " \n"
                + c.sessionsLastSecond() + " session(s) per Sec out of max " + sps + ", peak " + c.spsPeak() + ", last 5min " + c.spsPeakFiveMin() + " \n"
                + c.options().maxSessions() + " session(s) max\n"
                + "min idle cpu 0.00/98.00\n"
                + "Current Stack Size/Max 240K/8192K\n";
        return CompletableFuture.completedFuture(body);
    }
}

package org.stationd.esl.sim.api;

import java.util.concurrent.CompletableFuture;
import org.stationd.esl.sim.channel.HangupCause;

/** {@code fsctl shutdown [restart]}, {@code fsctl hupall}, {@code fsctl sps}… — shutdown goes through the fault machinery. */
final class FsctlApi implements ApiCommand {
    @Override
    public String name() {
        return "fsctl";
    }

    @Override
    public CompletableFuture<String> execute(ApiRequest r) {
        var a = r.argv();
        if (a.isEmpty()) {
            return CompletableFuture.completedFuture("-USAGE: [recover|send_sighup|hupall|pause [inbound|outbound]|resume [inbound|outbound]|shutdown [cancel|elegant|asap|now|restart]|sps|sps_peak_reset|sync_clock|sync_clock_when_idle|reclaim_mem|max_sessions|min_dtmf_duration [num]|max_dtmf_duration [num]|default_dtmf_duration [num]|min_idle_cpu|loglevel [level]|debug_level [level]|mdns_resolve [enable|disable]]\n");
        }
        switch (a.get(0).toLowerCase(java.util.Locale.ROOT)) {
            case "shutdown" -> {
                boolean restart = a.size() > 1 && a.subList(1, a.size()).stream().anyMatch(x -> x.equalsIgnoreCase("restart"));
                r.core().clock().execute(() -> r.core().shutdownHook().accept(restart));
                return CompletableFuture.completedFuture("+OK\n");
            }
            case "hupall" -> {
                for (var ch : r.core().channels().all()) {
                    ch.hangup(HangupCause.MANAGER_REQUEST);
                }
                return CompletableFuture.completedFuture("+OK\n");
            }
            case "sps" -> {
                return CompletableFuture.completedFuture("+OK sessions per second: " + (r.core().options().sessionsPerSecond() > 0 ? r.core().options().sessionsPerSecond() : 30) + "\n");
            }
            case "max_sessions" -> {
                return CompletableFuture.completedFuture("+OK max sessions: " + r.core().options().maxSessions() + "\n");
            }
            default -> {
                return CompletableFuture.completedFuture("+OK\n");
            }
        }
    }
}

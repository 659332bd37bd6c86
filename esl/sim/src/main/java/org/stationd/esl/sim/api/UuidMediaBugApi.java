package org.stationd.esl.sim.api;

import java.util.concurrent.CompletableFuture;
import org.stationd.esl.sim.app.MediaBug;
import org.stationd.esl.sim.channel.Channel;

/** {@code uuid_record <uuid> start|stop <path> [<limit_secs>]} and {@code uuid_displace <uuid> start|stop <file> [<limit>] [mux]}. */
final class UuidMediaBugApi implements ApiCommand {
    private final boolean record;

    UuidMediaBugApi(boolean record) {
        this.record = record;
    }

    @Override
    public String name() {
        return record ? "uuid_record" : "uuid_displace";
    }

    @Override
    public CompletableFuture<String> execute(ApiRequest r) {
        var a = r.argv();
        String usage = record ? "-USAGE: <uuid> [start|stop|mask|unmask] <path> [<limit>] [<recording_vars>]\n"
                : "-USAGE: <uuid> [start|stop] <path> [<limit>] [mux]\n";
        if (a.size() < 3) {
            return CompletableFuture.completedFuture(usage);
        }
        Channel ch = r.core().channels().get(a.get(0));
        if (ch == null || ch.isDown()) {
            return CompletableFuture.completedFuture("-ERR Cannot locate session!\n");
        }
        String action = a.get(1).toLowerCase(java.util.Locale.ROOT);
        String path = a.get(2);
        String function = record ? "session_record" : "displace";
        switch (action) {
            case "start" -> {
                long limit = 0;
                if (a.size() > 3) {
                    try {
                        limit = Long.parseLong(a.get(3)) * (record ? 1000 : 1);
                    } catch (NumberFormatException ignored) {
                        limit = 0;
                    }
                }
                if (!record) {
                    var s = r.core().sounds().resolve(path);
                    if (s == null) {
                        return CompletableFuture.completedFuture("-ERR Cannot displace session!\n");
                    }
                    limit = limit > 0 ? Math.min(limit, s.durationMillis()) : s.durationMillis();
                }
                MediaBug.start(ch, function, path, limit, null);
                return CompletableFuture.completedFuture("+OK Success\n");
            }
            case "stop" -> {
                int n = MediaBug.stopMatching(ch, function, path);
                return CompletableFuture.completedFuture(n > 0 ? "+OK Success\n"
                        : record ? "-ERR Cannot stop record session!\n" : "-ERR Cannot stop displace session!\n");
            }
            case "mask", "unmask" -> {
                return CompletableFuture.completedFuture(record ? "+OK Success\n" : usage);
            }
            default -> {
                return CompletableFuture.completedFuture(usage);
            }
        }
    }
}

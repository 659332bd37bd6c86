package org.stationd.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The cluster part of {@code ./stationd status}: every host, whether it is renewing, the stations
 * it owns and when its lease was renewed and runs out, by the database's clock.
 */
final class ClusterStatusText {
    private ClusterStatusText() {}

    @SuppressWarnings("unchecked")
    static void print(Object cluster, PrintStream out) {
        if (!(cluster instanceof Map<?, ?> c)) {
            return;   // not a cluster: this host runs every station
        }
        out.println("cluster: this host " + c.get("host") + ", lease " + c.get("lease")
                + (c.get("problem") == null ? "" : "; problem: " + c.get("problem")));
        if (!(c.get("hosts") instanceof List<?> hosts) || c.get("now") == null) {
            return;
        }
        Instant now = Instant.parse((String) c.get("now"));
        out.printf("%-20s %8s  %s%n", "HOST", "STATIONS", "LEASE");
        for (Object o : hosts) {
            Map<String, Object> h = (Map<String, Object>) o;
            List<String> stations = (List<String>) h.get("stations");
            Instant renewed = Instant.parse((String) h.get("renewed"));
            Instant expires = Instant.parse((String) h.get("expires"));
            String lease = Boolean.TRUE.equals(h.get("live"))
                    ? "renewed " + seconds(Duration.between(renewed, now)) + " ago, runs out in " + seconds(Duration.between(now, expires))
                    : "silent: ran out " + seconds(Duration.between(expires, now)) + " ago";
            out.printf("%-20s %8d  %s%n", h.get("host"), stations.size(), lease);
        }
        for (Object o : hosts) {
            Map<String, Object> h = (Map<String, Object>) o;
            List<String> stations = (List<String>) h.get("stations");
            if (!stations.isEmpty()) out.println("  " + h.get("host") + ": " + String.join(" ", stations));
        }
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", Math.max(0, d.toMillis()) / 1000.0);
    }
}

package org.stationd.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stationd.cluster.ClusterMember;

/**
 * {@code GET /api/cluster}: every host of the cluster, the stations it owns and its lease times, as
 * {@code ./stationd status} shows them. The seconds are the database's (renewed so long ago, runs out
 * in so long), so a browser whose clock is off still shows them right.
 */
final class ClusterView {
    private ClusterView() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> of(ClusterMember member) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (member == null) {
            out.put("clustered", false);   // this host runs every station in its file
            return out;
        }
        Map<String, Object> status = member.status();
        out.put("clustered", true);
        out.put("host", status.get("host"));
        out.put("leaseSeconds", member.lease().toMillis() / 1000.0);
        out.put("problem", status.get("problem"));
        out.put("now", status.get("now"));
        List<Map<String, Object>> hosts = new ArrayList<>();
        Object now = status.get("now");
        for (Map<String, Object> h : (List<Map<String, Object>>) status.getOrDefault("hosts", List.of())) {
            Map<String, Object> m = new LinkedHashMap<>(h);
            m.put("thisHost", member.hostId().equals(h.get("host")));
            if (now != null) {
                Instant at = Instant.parse((String) now);
                m.put("renewedSecondsAgo", seconds(Duration.between(Instant.parse((String) h.get("renewed")), at)));
                m.put("expiresInSeconds", seconds(Duration.between(at, Instant.parse((String) h.get("expires")))));
            }
            hosts.add(m);
        }
        out.put("hosts", hosts);
        out.put("leases", status.getOrDefault("leases", List.of()));
        return out;
    }

    private static double seconds(Duration d) {
        return Math.round(d.toMillis() / 100.0) / 10.0;
    }
}

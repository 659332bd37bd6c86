package org.stationd.cluster;

import java.util.List;

/** How many stations each live host should run: equal shares by count, the first hosts by id taking one more when it does not divide. */
final class Balance {
    private Balance() {}

    /** The share of {@code host} among {@code liveHosts} (sorted, distinct) for {@code stations} stations; 0 if it is not live. */
    static int target(List<String> liveHosts, String host, int stations) {
        int i = liveHosts.indexOf(host);
        if (i < 0) {
            return 0;
        }
        int n = liveHosts.size();
        return stations / n + (i < stations % n ? 1 : 0);
    }
}

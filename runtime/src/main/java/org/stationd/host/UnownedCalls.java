package org.stationd.host;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.event.EslEvent;

/**
 * A call parked on a number no station of this host owns (a wrong number, a line taken out of
 * stations.yaml) is refused with {@code UNALLOCATED_NUMBER}, as a telephone network refuses a
 * number that does not exist: the caller hears at once that the number is wrong, instead of
 * silence for ever. In a cluster the hosts may share a switch: a number of a station in stations.yaml
 * that another host runs is left to that host.
 */
final class UnownedCalls implements Consumer<EslEvent> {
    private static final Logger log = LoggerFactory.getLogger(UnownedCalls.class);
    static final String CAUSE = "UNALLOCATED_NUMBER";

    private final EslClient client;
    private final java.util.function.Predicate<String> elsewhere;

    UnownedCalls(EslClient client) {
        this(client, number -> false);
    }

    /**
     * {@code elsewhere}: whether a number belongs to a station another host runs (a cluster whose
     * hosts share a switch): its owner takes the call, or the next owner ends it (LeftCalls).
     */
    UnownedCalls(EslClient client, java.util.function.Predicate<String> elsewhere) {
        this.client = client;
        this.elsewhere = elsewhere;
    }

    @Override
    public void accept(EslEvent e) {
        String uuid = e.uniqueId();
        if (uuid == null || !uuid.matches("[0-9A-Za-z-]{1,64}")) return;
        if (elsewhere.test(String.valueOf(e.header("Caller-Destination-Number")))) return;
        log.warn("a call from {} to {}: no station owns that number; refused ({})",
                e.header("Caller-Caller-ID-Number"), e.header("Caller-Destination-Number"), CAUSE);
        client.api("uuid_kill " + uuid + " " + CAUSE).whenComplete((r, err) -> {
            if (err != null) log.warn("could not refuse the call {}: {}", uuid, err.getMessage());
        });
    }
}

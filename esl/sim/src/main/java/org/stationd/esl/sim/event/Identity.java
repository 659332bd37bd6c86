package org.stationd.esl.sim.event;

import java.time.ZoneId;
import java.util.UUID;

/**
 * Who the simulated switch says it is in every event: Core-UUID (new at every start, as in
 * FreeSWITCH), host and switch name, the host's own addresses, and the zone for Event-Date-Local.
 */
public record Identity(String coreUuid, String hostname, String switchname, String ipv4, String ipv6, ZoneId zone) {

    public static Identity of(String hostname, String ipv4, String ipv6, ZoneId zone) {
        return new Identity(UUID.randomUUID().toString(), hostname, hostname, ipv4, ipv6, zone);
    }

    /** After a restart FreeSWITCH has a new Core-UUID; everything else stays. */
    public Identity restarted() {
        return new Identity(UUID.randomUUID().toString(), hostname, switchname, ipv4, ipv6, zone);
    }
}

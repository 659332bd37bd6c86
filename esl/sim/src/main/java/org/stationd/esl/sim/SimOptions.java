package org.stationd.esl.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.stationd.esl.sim.clock.RealClock;
import org.stationd.esl.sim.clock.SimClock;
import org.stationd.esl.sim.dialplan.Dialplan;
import org.stationd.esl.sim.dialplan.DialplanLoader;

/**
 * How to run the simulated switch. Defaults match the captures' FreeSWITCH: 127.0.0.1:8021,
 * password ClueCon, the built-in sim.yaml, the wall clock.
 *
 * <pre>{@code
 * SimOptions.defaults().withPort(0).withClock(new VirtualClock()).withSounds("/usr/local/freeswitch/share/freeswitch/sounds", dir)
 * }</pre>
 *
 * @param port            0 picks a free port ({@link SimSwitch#port()} tells which)
 * @param users           {@code userauth} accounts: "user@domain" → password
 * @param sounds          extra FreeSWITCH path prefix → local directory mappings (added to the dialplan's)
 * @param heartbeat       HEARTBEAT/RE_SCHEDULE period (FreeSWITCH: 20 s)
 * @param sessionsPerSecond 0 for no limit; otherwise an originate that would start more sessions in the last
 *                          second than this fails (-ERR DESTINATION_OUT_OF_ORDER), as FreeSWITCH refuses
 *                          sessions over its sessions-per-second (a loopback call needs two)
 */
public record SimOptions(String host, int port, String password, Map<String, String> users, Supplier<Dialplan> dialplan,
                         Supplier<SimClock> clock, Map<String, Path> sounds, ZoneId zone, Duration heartbeat,
                         int sessionsPerSecond, int maxSessions, long firstEventSequence) {

    public SimOptions {
        users = Map.copyOf(users);
        sounds = new LinkedHashMap<>(sounds);
    }

    public static SimOptions defaults() {
        return new SimOptions("127.0.0.1", 8021, "ClueCon", Map.of(), DialplanLoader::defaults, RealClock::new, Map.of(),
                ZoneId.systemDefault(), Duration.ofSeconds(20), 0, 1000, 1);
    }

    public SimOptions withHost(String h) {
        return new SimOptions(h, port, password, users, dialplan, clock, sounds, zone, heartbeat, sessionsPerSecond, maxSessions, firstEventSequence);
    }

    public SimOptions withPort(int p) {
        return new SimOptions(host, p, password, users, dialplan, clock, sounds, zone, heartbeat, sessionsPerSecond, maxSessions, firstEventSequence);
    }

    public SimOptions withPassword(String pw) {
        return new SimOptions(host, port, pw, users, dialplan, clock, sounds, zone, heartbeat, sessionsPerSecond, maxSessions, firstEventSequence);
    }

    public SimOptions withUser(String userAtDomain, String pw) {
        Map<String, String> u = new LinkedHashMap<>(users);
        u.put(userAtDomain, pw);
        return new SimOptions(host, port, password, u, dialplan, clock, sounds, zone, heartbeat, sessionsPerSecond, maxSessions, firstEventSequence);
    }

    public SimOptions withDialplan(Dialplan d) {
        return new SimOptions(host, port, password, users, () -> d, clock, sounds, zone, heartbeat, sessionsPerSecond, maxSessions, firstEventSequence);
    }

    public SimOptions withDialplan(Path yaml) {
        return new SimOptions(host, port, password, users, () -> DialplanLoader.load(yaml), clock, sounds, zone, heartbeat, sessionsPerSecond, maxSessions, firstEventSequence);
    }

    /** A clock instance to use (a test keeps the {@link org.stationd.esl.sim.clock.VirtualClock} to drive it). */
    public SimOptions withClock(SimClock c) {
        return new SimOptions(host, port, password, users, dialplan, () -> c, sounds, zone, heartbeat, sessionsPerSecond, maxSessions, firstEventSequence);
    }

    public SimOptions withSounds(String fsPrefix, Path localDir) {
        Map<String, Path> s = new LinkedHashMap<>(sounds);
        s.put(fsPrefix, localDir);
        return new SimOptions(host, port, password, users, dialplan, clock, s, zone, heartbeat, sessionsPerSecond, maxSessions, firstEventSequence);
    }

    public SimOptions withZone(ZoneId z) {
        return new SimOptions(host, port, password, users, dialplan, clock, sounds, z, heartbeat, sessionsPerSecond, maxSessions, firstEventSequence);
    }

    public SimOptions withHeartbeat(Duration d) {
        return new SimOptions(host, port, password, users, dialplan, clock, sounds, zone, d, sessionsPerSecond, maxSessions, firstEventSequence);
    }

    public SimOptions withSessionsPerSecond(int sps) {
        return new SimOptions(host, port, password, users, dialplan, clock, sounds, zone, heartbeat, sps, maxSessions, firstEventSequence);
    }

    public SimOptions withMaxSessions(int max) {
        return new SimOptions(host, port, password, users, dialplan, clock, sounds, zone, heartbeat, sessionsPerSecond, max, firstEventSequence);
    }

    public SimOptions withFirstEventSequence(long seq) {
        return new SimOptions(host, port, password, users, dialplan, clock, sounds, zone, heartbeat, sessionsPerSecond, maxSessions, seq);
    }
}

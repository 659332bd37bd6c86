package org.stationd.esl.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.stationd.esl.dispatch.EventListener;
import org.stationd.esl.event.EslEvent;

/**
 * Every event one connection received, each filed under the role of its call leg: a scenario names
 * the A leg of each call it originates ({@code tx.a}); the B leg is found through
 * {@code other_loopback_leg_uuid} ({@code tx.b}). Uuids never decide what is compared, roles do.
 * Events of no channel go to {@code conference} (conference::maintenance) or {@code switch}.
 */
public final class LegRecorder implements EventListener {
    private final List<EslEvent> events = new ArrayList<>();
    private final Map<String, String> roleByUuid = new HashMap<>();
    private final Map<String, String> uuidByRole = new LinkedHashMap<>();

    /** The A leg the scenario originates with {@code origination_uuid=uuid} plays {@code call}.a. */
    public synchronized void expectCall(String call, String aUuid) {
        bind(aUuid, call + ".a");
    }

    private void bind(String uuid, String role) {
        roleByUuid.putIfAbsent(uuid, role);
        uuidByRole.putIfAbsent(role, uuid);
    }

    @Override
    public synchronized void onEvent(EslEvent e) {
        learn(e);
        events.add(e);
        notifyAll();
    }

    /** Learns the other leg of a loopback pair and a temporary A-leg uuid from any event that names them. */
    private void learn(EslEvent e) {
        String u = e.uniqueId();
        if (u == null) {
            return;
        }
        String old = e.header("Old-Unique-ID");
        if (old != null && roleByUuid.containsKey(u)) {
            roleByUuid.putIfAbsent(old, roleByUuid.get(u));
        }
        String other = e.variable("other_loopback_leg_uuid");
        if (other == null) {
            return;
        }
        String mine = roleByUuid.get(u);
        String theirs = roleByUuid.get(other);
        if (mine != null && theirs == null && mine.endsWith(".a")) {
            bind(other, mine.substring(0, mine.length() - 2) + ".b");
        } else if (theirs != null && mine == null && theirs.endsWith(".a")) {
            bind(u, theirs.substring(0, theirs.length() - 2) + ".b");
        }
    }

    /** The role of an event's leg, decided when it is read (B legs are learnt from later events too). */
    public synchronized String roleOf(EslEvent e) {
        String u = e.uniqueId();
        if (u != null) {
            String r = roleByUuid.get(u);
            return r != null ? r : "unknown-leg";
        }
        if ("CUSTOM".equals(e.name()) && e.subclass() != null && e.subclass().startsWith("conference::")) {
            return "conference";
        }
        return "switch";
    }

    public synchronized String uuidOf(String role) {
        return uuidByRole.get(role);
    }

    public synchronized Map<String, String> roles() {
        return new LinkedHashMap<>(uuidByRole);
    }

    public synchronized List<EslEvent> events() {
        return new ArrayList<>(events);
    }

    /** Waits for the {@code n}th event (1-based) matching {@code p}; fails after {@code timeoutMs} describing what was seen. */
    public synchronized EslEvent await(Predicate<EslEvent> p, int n, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            int seen = 0;
            for (EslEvent e : events) {
                if (p.test(e) && ++seen == n) {
                    return e;
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("no " + what + " within " + timeoutMs + " ms; legs " + uuidByRole);
            }
            wait(left);
        }
    }

    /** Waits until the role's uuid is known (a B leg shows up in an event). */
    public synchronized String awaitUuid(String role, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (uuidByRole.get(role) == null) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("leg " + role + " never appeared; legs " + uuidByRole);
            }
            wait(left);
        }
        return uuidByRole.get(role);
    }

    /**
     * Every leg seen so far has been destroyed, and every conference created destroyed: the session
     * is over and no more events of it will come.
     */
    public void awaitAllDestroyed(long timeoutMs) throws InterruptedException {
        for (var leg : roles().entrySet()) {
            String uuid = leg.getValue();
            await(e -> e.is("CHANNEL_DESTROY") && uuid.equals(e.uniqueId()), 1, timeoutMs, "CHANNEL_DESTROY on " + leg.getKey());
        }
        int rooms = (int) events().stream().filter(e -> "conference-create".equals(e.header("Action"))).count();
        if (rooms > 0) {
            await(e -> "conference::maintenance".equals(e.subclass()) && "conference-destroy".equals(e.header("Action")), rooms, timeoutMs,
                    rooms + ". conference conference-destroy");
        }
    }
}

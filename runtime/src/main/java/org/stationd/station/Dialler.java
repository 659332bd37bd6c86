package org.stationd.station;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.call.CallLeg;
import org.stationd.config.StationConfig;
import org.stationd.limits.LimitException;
import org.stationd.limits.SwitchValues;
import org.stationd.switchlink.SwitchLink;
import org.stationd.verb.Verbs;

/**
 * The calls a station places: the originate (claimed before it is sent, so its first event finds
 * the station), the switch's answer to it, an answer that comes too late, and a failure the
 * program hears as FAILED. The transmitter dials through here too.
 */
final class Dialler {
    private final StationContext station;
    private final StationConfig config;
    private final StationServices services;
    private final SwitchLink link;
    private final CallTable calls;
    private final Verbs verbs;
    /** Originates whose answer the link lost (the job's result never came): the switch may have placed them all the same. */
    private final Set<String> uncertain = ConcurrentHashMap.newKeySet();
    /** Originates whose answer came too late: their calls are awaited, or hung up once given up. Station thread. */
    private final LateOriginates late = new LateOriginates();

    Dialler(StationContext station, StationServices services, SwitchLink link, CallTable calls, Verbs verbs) {
        this.station = station;
        this.config = station.config();
        this.services = services;
        this.link = link;
        this.calls = calls;
        this.verbs = verbs;
    }

    LateOriginates late() {
        return late;
    }

    /** {@code station.originate}: a number through the station's first gateway, or a dial string as given. */
    CallLeg originate(String number, Map<String, Object> options) {
        try {
            SwitchValues.dial("originate: the number", number);
        } catch (LimitException e) {
            throw station.refused(e);
        }
        String dial = number.contains("/") ? number : gatewayDial(number);
        return originateLeg(dial, options == null ? Map.of() : options, "outbound");
    }

    private String gatewayDial(String number) {
        if (config.gateways().isEmpty()) {
            throw new IllegalStateException("station " + config.id() + " has no gateway to dial " + number + "; add one under gateways: in stations.yaml");
        }
        return config.gateways().values().iterator().next().dialString(number);
    }

    CallLeg originateLeg(String dial, Map<String, Object> options, String role) {
        String uuid = services.ids().get();
        int timeout = options.get("timeout") instanceof Number n ? n.intValue() : 30;
        StringBuilder vars = new StringBuilder("origination_uuid=").append(uuid)
                .append(",station_id=").append(config.id())
                .append(",stationd_role=").append(role)
                .append(",originate_timeout=").append(timeout);
        try {
            if (options.get("callerId") != null) {
                vars.append(",origination_caller_id_number=").append(SwitchValues.channelValue("originate: callerId", options.get("callerId")));
            }
            if (options.get("variables") instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> v : m.entrySet()) {
                    String name = SwitchValues.variableName("originate: variable", v.getKey());
                    vars.append(',').append(name).append('=').append(SwitchValues.channelValue("originate: variable " + name, v.getValue()));
                }
            }
        } catch (LimitException e) {
            throw station.refused(e);   // before the call exists: nothing reaches the switch
        }
        CallLeg leg = new CallLeg(uuid, config.id(), "outbound", null, dial, null, verbs);
        leg.role(role);
        leg.awaitPark();   // it is the program's once parked: see CallLeg.awaitPark
        calls.add(leg);
        services.owners().claim(uuid, station);
        services.listener().callEvent(config.id(), uuid, "dialling " + dial + " (" + role + ")");
        link.bgapi("originate {" + vars + "}" + dial + " &park()").whenComplete((r, err) -> station.onStation(() -> {
            if (err != null && LateOriginates.late(err) && !leg.isAnswered() && !leg.isEnded() && !late.isAwaited(uuid)) {
                awaitLate(leg, timeout);
                return;
            }
            String cause = err != null ? "SWITCH_ERROR" : r.isError() ? r.errorText() : null;
            if (err != null && !leg.isAnswered()) {
                uncertain.add(uuid);
            }
            if (cause != null) originateFailed(leg, cause);
        }));
        return leg;
    }

    /** The originate's answer did not come in time: the call stays the program's until it shows up, or the wait is over. */
    private void awaitLate(CallLeg leg, int ringSeconds) {
        String uuid = leg.getId();
        late.await(uuid);
        Duration wait = Duration.ofSeconds(Math.max(0, ringSeconds)).plus(LateOriginates.GRACE);
        station.log("warn", "the switch did not answer the originate of " + uuid + " in time; its call is kept for " + wait.toSeconds()
                + " s in case the switch placed it");
        station.scheduleOnThread(wait, () -> {
            if (!late.arrived(uuid) || calls.get(uuid) != leg || leg.isAnswered() || leg.isEnded()) {
                return;
            }
            late.disown(uuid);   // still claimed: should the call come after all, it is hung up
            originateFailed(leg, "SWITCH_ERROR");
            // it may be there already, its events lost (the link dropped meanwhile): ended now; usually "no such channel"
            kill(uuid, "debug");
            station.scheduleOnThread(LateOriginates.DISOWNED_FOR, () -> {
                if (late.isDisowned(uuid)) {
                    late.forget(uuid);
                    if (!calls.owns(uuid)) services.owners().release(uuid);
                }
            });
        });
    }

    /** The switch's late answer to an originate of ours ({@code BACKGROUND_JOB}): a refusal fails the call it was waiting for. Station thread. */
    void onLateJob(String uuid, String body) {
        CallLeg leg = calls.get(uuid);
        if (leg == null || !late.isAwaited(uuid)) {
            return;   // answered in time (the link had it), or the call showed up already
        }
        late.arrived(uuid);
        String text = body == null ? "" : body.strip();
        if (text.startsWith("-ERR")) {
            String cause = text.substring(4).strip();
            originateFailed(leg, cause.isEmpty() ? "SWITCH_ERROR" : cause);
        }
    }

    /** An originate failed before its call answered: the program hears it, and the call is forgotten. */
    private void originateFailed(CallLeg leg, String cause) {
        String uuid = leg.getId();
        if (leg.isAnswered() || !leg.claimFailureReport()) {
            return;
        }
        leg.ended();
        services.listener().callEvent(config.id(), uuid, "failed: " + cause);
        station.deliver(Event.of(EventKind.FAILED).call(leg).cause(cause).build());
        calls.remove(uuid);
        if (!late.isDisowned(uuid)) {
            services.owners().release(uuid);
        }
    }

    /** Hangs up a call nobody holds; a refusal is the switch's word, not the program's fault (no program error). */
    void kill(String uuid, String failureLevel) {
        link.api("uuid_kill " + uuid + " NORMAL_CLEARING").whenComplete((r, err) -> {
            if (err != null || r.isError()) {
                String why = err != null ? err.getMessage() : r.text().strip();
                station.onStation(() -> station.log(failureLevel, "uuid_kill " + uuid + ": " + why));
            }
        });
    }

    /** The originates whose outcome the link lost since the last call, forgotten as they are handed over. */
    Set<String> takeUncertain() {
        Set<String> out = Set.copyOf(uncertain);
        uncertain.removeAll(out);
        return out;
    }
}

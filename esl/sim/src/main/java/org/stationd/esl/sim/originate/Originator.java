package org.stationd.esl.sim.originate;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.sim.channel.HangupCause;
import org.stationd.esl.sim.dialplan.PhoneBehaviour;

/**
 * Places outgoing calls (the originate api, the bridge application): resolves the dial string to
 * an endpoint (loopback, user, gateway, error) and runs it. Endpoints joined with {@code |} are tried
 * in turn until one answers.
 */
public final class Originator {
    private final SwitchCore core;

    public Originator(SwitchCore core) {
        this.core = core;
    }

    /** The originate api: "+OK <uuid>\n" once answered, "-ERR <CAUSE>\n" otherwise. */
    public CompletableFuture<String> api(String args) {
        OriginateRequest req;
        try {
            req = OriginateRequest.parse(args);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(e.getMessage() + "\n");
        }
        return originate(req).thenApply(Origination.OriginateResult::apiBody);
    }

    public CompletableFuture<Origination.OriginateResult> originate(OriginateRequest req) {
        return attempt(req, 0, c -> {});
    }

    /** As {@link #originate(OriginateRequest)}, telling {@code legListener} about each leg as it is created. */
    public CompletableFuture<Origination.OriginateResult> originate(OriginateRequest req, java.util.function.Consumer<org.stationd.esl.sim.channel.Channel> legListener) {
        return attempt(req, 0, legListener);
    }

    private CompletableFuture<Origination.OriginateResult> attempt(OriginateRequest req, int index,
                                                                 java.util.function.Consumer<org.stationd.esl.sim.channel.Channel> legListener) {
        if (index >= req.endpoints().size()) {
            return CompletableFuture.completedFuture(new Origination.OriginateResult(null, HangupCause.CHAN_NOT_IMPLEMENTED));
        }
        Origination o = new Origination(core, req);
        o.onLeg(legListener);
        dial(o, req.endpoints().get(index));
        if (index + 1 >= req.endpoints().size()) {
            return o.result();
        }
        return o.result().thenCompose(r -> r.ok() ? CompletableFuture.completedFuture(r) : attempt(req, index + 1, legListener));
    }

    private void dial(Origination o, String endpoint) {
        String[] p = endpoint.split("/");
        String tech = p[0].toLowerCase(Locale.ROOT);
        int sessions = tech.equals("loopback") ? 2 : 1;
        int limit = core.options().sessionsPerSecond();
        if (limit > 0 && !tech.equals("error") && core.sessionsLastSecond() + sessions > limit) {
            // over sessions-per-second the core refuses to create the session ("Throttle Error!")
            later(o, HangupCause.DESTINATION_OUT_OF_ORDER);
            return;
        }
        switch (tech) {
            case "loopback" -> {
                if (p.length < 2 || p[1].isEmpty()) {
                    o.fail(HangupCause.INVALID_URL);
                    return;
                }
                String context = p.length > 2 ? p[2] : "default";
                // a replay may script what this number's far end does on this call, over the dialplan
                PhoneBehaviour scripted = core.behaviour("loopback/" + p[1] + "/" + context, null);
                new LoopbackCall(core, o, p[1], context, p.length > 3 ? p[3] : "xml", scripted).start();
            }
            case "user" -> {
                String id = p.length > 1 ? p[1] : "";
                String user = id.contains("@") ? id.substring(0, id.indexOf('@')) : id;
                PhoneBehaviour b = core.behaviour("user/" + user, core.dialplan().user(user));
                if (b == null) {
                    later(o, HangupCause.USER_NOT_REGISTERED);
                    return;
                }
                String domain = id.contains("@") ? id.substring(id.indexOf('@') + 1) : core.globals().get("domain");
                new PhoneCall(core, o, "sofia/internal/" + user + "@" + domain, user, b).start();
            }
            case "sofia" -> {
                if (p.length >= 4 && p[1].equalsIgnoreCase("gateway")) {
                    var gw = core.dialplan().gateway(p[2]);
                    String number = endpoint.substring(endpoint.indexOf(p[2] + "/") + p[2].length() + 1);
                    PhoneBehaviour b = core.behaviour("sofia/gateway/" + p[2] + "/" + number, gw == null ? null : gw.behaviourFor(number));
                    if (b == null) {
                        later(o, HangupCause.INVALID_GATEWAY);
                        return;
                    }
                    new PhoneCall(core, o, "sofia/gateway/" + p[2] + "/" + number, number, b).start();
                } else if (p.length >= 3) {
                    String user = p[2].contains("@") ? p[2].substring(0, p[2].indexOf('@')) : p[2];
                    PhoneBehaviour b = core.dialplan().user(user);
                    if (b == null) {
                        later(o, HangupCause.USER_NOT_REGISTERED);
                        return;
                    }
                    new PhoneCall(core, o, endpoint, user, b).start();
                } else {
                    later(o, HangupCause.INVALID_URL);
                }
            }
            case "error" -> later(o, p.length > 1 && HangupCause.parse(p[1]) != null ? HangupCause.parse(p[1]) : HangupCause.NORMAL_CLEARING);
            default -> later(o, HangupCause.CHAN_NOT_IMPLEMENTED);
        }
    }

    /** A dial string that fails before any channel exists still answers one frame later, as FreeSWITCH's does. */
    private void later(Origination o, HangupCause cause) {
        core.clock().schedule(20, () -> o.fail(cause));
    }
}

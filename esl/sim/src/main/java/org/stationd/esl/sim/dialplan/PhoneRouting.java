package org.stationd.esl.sim.dialplan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stationd.esl.embedded.FarEnd;
import org.stationd.esl.sim.channel.HangupCause;

/**
 * Phones told what to do ({@link org.stationd.esl.embedded.SwitchSpec#phones()}), by endpoint
 * ({@code user/3001}, {@code sofia/gateway/pstn/5552001}, {@code loopback/tx1/stations}): their
 * next calls in order, and every call after those as the last one.
 */
public final class PhoneRouting {
    private static final Pattern GATEWAY = Pattern.compile("sofia/gateway/([^/]+)/(\\S+)");
    private static final Pattern LOOPBACK = Pattern.compile("loopback/([^/]+)/([^/]+)");

    private PhoneRouting() {}

    /** Each endpoint's calls, in order, as the switch scripts them. */
    public static Map<String, List<PhoneBehaviour>> scripts(Map<String, List<FarEnd>> phones) {
        Map<String, List<PhoneBehaviour>> out = new LinkedHashMap<>();
        phones.forEach((endpoint, calls) -> out.put(endpoint, new ArrayList<>(calls.stream().map(PhoneRouting::behaviour).toList())));
        return out;
    }

    /**
     * {@code base} with the same phones for calls beyond the scripted ones: each as on its last
     * call (users by id, gateway numbers, loopback numbers as extensions of their context).
     */
    public static Dialplan route(Dialplan base, Map<String, List<FarEnd>> phones) {
        Map<String, PhoneBehaviour> users = new LinkedHashMap<>();
        Map<String, Map<String, PhoneBehaviour>> gateways = new LinkedHashMap<>();
        Map<String, Map<String, Extension>> loopback = new LinkedHashMap<>();
        phones.forEach((endpoint, calls) -> {
            if (calls.isEmpty()) return;
            PhoneBehaviour last = behaviour(calls.get(calls.size() - 1));
            Matcher g = GATEWAY.matcher(endpoint);
            Matcher l = LOOPBACK.matcher(endpoint);
            if (g.matches()) {
                gateways.computeIfAbsent(g.group(1), k -> new LinkedHashMap<>()).put(g.group(2), last);
            } else if (l.matches()) {
                loopback.computeIfAbsent(l.group(2), k -> new LinkedHashMap<>()).put(l.group(1), Extension.phone(l.group(1), last));
            } else if (endpoint.startsWith("user/")) {
                users.put(endpoint.substring("user/".length()), last);
            } else {
                throw new IllegalArgumentException("not a phone the simulated switch can script: " + endpoint);
            }
        });
        Dialplan d = base.withPhones(users, gateways);
        for (Map.Entry<String, Map<String, Extension>> c : loopback.entrySet()) d = d.withExtensions(c.getKey(), c.getValue());
        return d;
    }

    /** A far end as the switch plays it; a cause it does not know, or NO_ANSWER, rings until the originate times out. */
    public static PhoneBehaviour behaviour(FarEnd f) {
        if (f.answerAfterMillis() >= 0) return PhoneBehaviour.answerAfter(f.answerAfterMillis());
        HangupCause cause = f.failCause() == null ? null : HangupCause.parse(f.failCause());
        if (cause == null || cause == HangupCause.NO_ANSWER) return PhoneBehaviour.noAnswer();
        return new PhoneBehaviour(-1, cause, -1, f.ringMillis());
    }
}

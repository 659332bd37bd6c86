package org.stationd.host;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.stationd.config.StationConfig;
import org.stationd.control.CommandRefused;
import org.stationd.control.ControlCommand;
import org.stationd.esl.client.EslClient;
import org.stationd.station.MessageBus;
import org.stationd.station.Router;
import org.stationd.testing.SwitchPhones;

/**
 * The host's test phone ({@code ./stationd call}): listener calls placed from the host's own switch
 * connection, as loopback calls into the {@code stations} context, the same on the simulated and
 * the real switch. Only calls placed here can be pressed on, texted from or hung up. What happens to
 * a caller's leg is published as {@code phone/<leg>} ({@code answered}, {@code ended}); what the
 * station does, on its own topics (see {@link PublishingListener}).
 */
final class TestPhone implements AutoCloseable {
    static final String DEFAULT_FROM = "256700000001";
    private static final int MAX_TEXT_CHARS = 1600;

    /** {@code host}: the phone plays the far end of the station's call to its talk-show host (the leg is the station's). */
    private record Call(StationConfig station, String from, boolean host, SwitchPhones phones) {}

    /** Each station's switch: a call to a station is placed on its switch, where its numbers are parked. */
    private final java.util.function.Function<StationConfig, EslClient> clientOf;
    private final MessageBus bus;
    /** The phones of each switch, made when a call is first placed there. */
    private final Map<EslClient, SwitchPhones> phonesBySwitch = new ConcurrentHashMap<>();
    private final Map<String, Call> calls = new ConcurrentHashMap<>();

    TestPhone(java.util.function.Function<StationConfig, EslClient> clientOf, MessageBus bus) {
        this.clientOf = clientOf;
        this.bus = bus;
    }

    private SwitchPhones phones(StationConfig station) {
        return phonesBySwitch.computeIfAbsent(clientOf.apply(station), client -> SwitchPhones.sharing(client, this::legChanged));
    }

    private void legChanged(String leg, String what) {
        if ("ended".equals(what)) calls.remove(leg);
        bus.publish("phone/" + leg, Map.of("event", what));
    }

    /**
     * {@code call-feed}: checks what {@code call-start} will (the station, its line or host, the
     * caller's number), so a call that would be refused is refused before the client waits on the
     * feed; then publishes {@code phone/<nonce>}, so a client knows its subscription to the host's
     * feed is live before it places the call.
     */
    Map<String, Object> feed(StationConfig station, ControlCommand c, String publishEndpoint) {
        Map<String, Object> out = c.flag("asHost") ? new LinkedHashMap<>(Map.of("station", station.id(), "number", hostOf(station)))
                : line(station, c.text("line"));
        from(c);
        String nonce = c.text("nonce");
        if (nonce != null) {
            if (!nonce.matches("[A-Za-z0-9-]{1,64}")) throw new CommandRefused("'" + c.cmd() + "': \"nonce\" must be 1 to 64 letters, digits or -");
            bus.publish("phone/" + nonce, Map.of("event", "feed"));
        }
        out.put("publish", publishEndpoint);
        return out;
    }

    /** {@code call-start}: a listener calls one of the station's lines. */
    Map<String, Object> start(StationConfig station, ControlCommand c) {
        Map<String, Object> out = line(station, c.text("line"));
        String from = from(c);
        SwitchPhones phones = phones(station);
        String leg = phones.placeCall(from, (String) out.get("number"));
        calls.put(leg, new Call(station, from, false, phones));
        out.put("call", leg);
        out.put("from", from);
        return out;
    }

    Map<String, Object> keys(ControlCommand c) {
        String leg = callOf(c);
        String keys = c.requiredText("keys");
        if (!keys.matches("[0-9*#A-Da-d]{1,64}")) throw new CommandRefused("'" + c.cmd() + "': \"keys\" must be 1 to 64 of 0-9 * # A-D");
        String digits = keys.toUpperCase(java.util.Locale.ROOT);
        Call call = calls.get(leg);
        if (call.host()) call.phones().pressFarEnd(leg, digits);
        else call.phones().pressDigits(leg, digits);
        return Map.of("call", leg);
    }

    /** A text message from the caller's number to the station's, as mod_sms delivers it. */
    Map<String, Object> text(ControlCommand c) {
        String leg = callOf(c);
        Call call = calls.get(leg);
        String body = c.requiredText("text");
        if (body.length() > MAX_TEXT_CHARS) throw new CommandRefused("'" + c.cmd() + "': \"text\" is over " + MAX_TEXT_CHARS + " characters");
        if (call.station().sms() == null) {
            throw new CommandRefused("station " + call.station().id() + " has no sms number in stations.yaml: it cannot get texts");
        }
        clientOf.apply(call.station()).sendevent("MESSAGE", Router.textHeaders(call.from(), call.station().sms()), body).join();
        return Map.of("call", leg, "to", call.station().sms());
    }

    /** The caller talks: a tone into the call for a few seconds (silence on the simulator, whose recordings are silent). */
    Map<String, Object> voice(ControlCommand c) {
        String leg = callOf(c);
        Long seconds = c.wholeNumber("seconds", 1, 60);
        Call call = calls.get(leg);
        if (call.host()) throw new CommandRefused("the talk show's host cannot speak into the show from here: only a listener's call can ('r')");
        call.phones().speak(leg, Duration.ofSeconds(seconds == null ? 3 : seconds));
        return Map.of("call", leg);
    }

    Map<String, Object> hangup(ControlCommand c) {
        String leg = callOf(c);
        calls.get(leg).phones().hangup(leg, "NORMAL_CLEARING");
        return Map.of("call", leg);
    }

    /**
     * {@code call-start} with {@code asHost}: the test phone takes the far end of the station's call
     * to {@code settings.host} that is up now (the talk show calls its host when it starts): keys
     * reach the station, a hang-up ends that call. The switch's own phone (a SIP phone, the
     * simulator's {@code user/…}) has answered it; the test phone only speaks for it.
     */
    Map<String, Object> host(org.stationd.station.StationContext station, ControlCommand c) {
        StationConfig sc = station.config();
        String host = hostOf(sc);
        String from = from(c);
        org.stationd.call.CallLeg leg = station.calls().stream()
                .filter(l -> "outbound".equals(l.getDirection()) && String.valueOf(host).equals(l.getTo()) && !"ended".equals(l.getState()))
                .findFirst().orElseThrow(() -> new CommandRefused("station " + sc.id() + " has no call to its host " + host
                        + " now: put the talk show on (./stationd swap " + sc.id() + " talkshow.js) and call as the host while it rings or waits for the host's 1"));
        String id = leg.getId();
        SwitchPhones phones = phones(sc);
        calls.put(id, new Call(sc, from, true, phones));
        phones.watch(id);
        if ("answered".equals(leg.getState())) bus.publish("phone/" + id, Map.of("event", "answered"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("station", sc.id());
        out.put("line", "host");
        out.put("number", String.valueOf(host));
        out.put("call", id);
        out.put("from", from);
        return out;
    }

    /** Who the talk show calls as its host ({@code settings.host}); refused if the station has none. */
    private static String hostOf(StationConfig sc) {
        Object host = sc.settings() == null ? null : sc.settings().get("host");
        if (host == null) {
            throw new CommandRefused("station " + sc.id() + " has no host in its settings: --as-host plays the talk show's host (settings: { host: … })");
        }
        return String.valueOf(host);
    }

    /** The caller's number: as given, or the default one. Named for {@code call-start}, whose check it is (call-feed makes it early). */
    private static String from(ControlCommand c) {
        String from = c.text("from");
        if (from == null) return DEFAULT_FROM;
        if (!from.matches("\\+?\\d{1,20}")) throw new CommandRefused("'call-start': \"from\" must be a phone number (digits, a leading + allowed)");
        return from;
    }

    private String callOf(ControlCommand c) {
        String leg = c.requiredText("call");
        if (!calls.containsKey(leg)) {
            throw new CommandRefused("no test call " + leg + " here: it has ended, or ./stationd call did not place it");
        }
        return leg;
    }

    /** A line by name (or by one of its numbers); none given: the station's only line. */
    private static Map<String, Object> line(StationConfig station, String line) {
        Map<String, List<String>> lines = station.lines();
        if (lines.isEmpty()) {
            throw new CommandRefused("station " + station.id() + " has no lines: listeners cannot call it (lines: in stations.yaml)");
        }
        String name = line;
        if (name == null) {
            if (lines.size() > 1) throw new CommandRefused("station " + station.id() + " has lines " + lines.keySet() + ": say which one to call");
            name = lines.keySet().iterator().next();
        } else if (!lines.containsKey(name)) {
            name = lines.entrySet().stream().filter(e -> e.getValue().contains(line)).map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new CommandRefused("station " + station.id() + " has no line '" + line + "'; its lines are " + lines.keySet()));
        }
        List<String> numbers = lines.get(name);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("station", station.id());
        out.put("line", name);
        out.put("number", line != null && numbers.contains(line) ? line : numbers.get(0));
        return out;
    }

    @Override
    public void close() {
        for (Map.Entry<String, Call> e : calls.entrySet()) {
            if (e.getValue().host()) continue;   // the station's own call: it ends it
            String leg = e.getKey();
            try {
                e.getValue().phones().hangup(leg, "NORMAL_CLEARING");
            } catch (RuntimeException gone) {
                // the switch is going too: its calls end with it
            }
        }
        phonesBySwitch.values().forEach(SwitchPhones::close);
    }
}

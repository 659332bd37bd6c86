package org.stationd.testing;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.command.EventFormat;

/**
 * {@link Phones} on a real FreeSWITCH, over a connection of their own. A listener is a loopback
 * call into the {@code stations} dialplan context ({@code loopback/<number>/stations}): its
 * {@code -b} leg parks there for the station to pick up, its {@code -a} leg is the listener's
 * phone. Keys sent out of one loopback leg ({@code uuid_send_dtmf}) arrive on the other, so a
 * listener presses on its own {@code -a} leg, and the far end of a station's call on the
 * {@code -b} leg behind the station's.
 */
public final class SwitchPhones implements Phones {
    private static final Duration COMMAND = Duration.ofSeconds(20);
    private final EslClient client;
    private final boolean own;
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final BiConsumer<String, String> watcher;
    private final java.util.Set<String> placed = ConcurrentHashMap.newKeySet();

    SwitchPhones(String host, int port, String password) throws Exception {
        this(EslClient.connect(EslClientOptions.of(host, port, password)), true, (leg, state) -> { });
        client.events(EventFormat.PLAIN, "CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE").get(COMMAND.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Phones on a connection that already receives every event (the host's: its test phone), left
     * open on {@link #close}; {@code watcher} hears each leg that is answered or ended.
     */
    public static SwitchPhones sharing(EslClient allEvents, BiConsumer<String, String> watcher) {
        return new SwitchPhones(allEvents, false, watcher);
    }

    private SwitchPhones(EslClient client, boolean own, BiConsumer<String, String> watcher) {
        this.client = client;
        this.own = own;
        this.watcher = watcher;
        client.addListener(e -> {
            if (!own && (e.uniqueId() == null || !placed.contains(e.uniqueId()))) return;   // the host's other calls are none of ours
            switch (e.name()) {
                case "CHANNEL_ANSWER" -> {
                    if (states.putIfAbsent(e.uniqueId(), "answered") == null) watcher.accept(e.uniqueId(), "answered");
                }
                case "CHANNEL_HANGUP_COMPLETE" -> ended(e.uniqueId());
                default -> { }
            }
        });
    }

    private void ended(String leg) {
        if (!"ended".equals(states.put(leg, "ended"))) watcher.accept(leg, "ended");
    }

    @Override
    public String placeCall(String from, String to) {
        String uuid = UUID.randomUUID().toString();
        placed.add(uuid);
        client.bgapi("originate {origination_uuid=" + uuid + ",origination_caller_id_number=" + from + ",origination_caller_id_name=" + from
                + "}loopback/" + to + "/stations &park()").result().thenAccept(r -> {
                    if (!r.text().startsWith("+OK")) ended(uuid);   // refused or never picked up
                });
        return uuid;
    }

    /**
     * Watches a leg these phones did not place (the station's call to someone the test phone
     * plays), so its end is reported too.
     */
    public void watch(String leg) {
        placed.add(leg);
    }

    /**
     * Keys from the far end of a station's call, whatever the far end is (a loopback leg, a SIP
     * phone, a gateway): the station's own leg receives them ({@code uuid_recv_dtmf}).
     */
    public void pressFarEnd(String stationLeg, String digits) {
        String reply = api("uuid_recv_dtmf " + stationLeg + " " + digits);
        if (!reply.startsWith("+OK")) {
            throw new IllegalStateException("FreeSWITCH would not take keys on " + stationLeg + ": " + reply.trim());
        }
    }

    @Override
    public boolean answered(String callerLeg) {
        return states.containsKey(callerLeg);
    }

    @Override
    public void pressDigits(String callerLeg, String digits) {
        api("uuid_send_dtmf " + callerLeg + " " + digits);
    }

    @Override
    public void hangup(String callerLeg, String cause) {
        api("uuid_kill " + callerLeg + " " + cause);
    }

    /** A tone played on the caller's own leg ({@code uuid_broadcast … aleg}): the loopback carries it to the station's leg. */
    @Override
    public void speak(String callerLeg, Duration length) {
        String reply = api("uuid_broadcast " + callerLeg + " tone_stream://%(" + length.toMillis() + ",0,440) aleg");
        if (!reply.startsWith("+OK")) {
            throw new IllegalStateException("FreeSWITCH would not play a voice on " + callerLeg + ": " + reply.trim());
        }
    }

    @Override
    public String answeredFarEnd(String stationLeg) {
        if (!"answered".equals(states.get(stationLeg))) {
            return null;
        }
        String other = api("uuid_getvar " + stationLeg + " other_loopback_leg_uuid");
        return other.isEmpty() || other.startsWith("-ERR") || other.startsWith("_undef_") ? null : other;
    }

    private String api(String command) {
        try {
            return client.api(command).get(COMMAND.toSeconds(), TimeUnit.SECONDS).text();
        } catch (Exception e) {
            throw new IllegalStateException("FreeSWITCH did not take '" + command + "': " + e, e);
        }
    }

    @Override
    public void close() {
        if (own) client.close();
    }
}

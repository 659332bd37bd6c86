package org.stationd.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stationd.api.Call;
import org.stationd.api.Conference;
import org.stationd.api.KeyValueStore;
import org.stationd.api.Sms;
import org.stationd.api.SmsMessage;
import org.stationd.api.Station;

/** A station that records every action; calls it places get predictable ids (tx, out1, out2…). */
final class FakeStation implements Station {
    final ActionLog log;
    final List<Call> calls = new ArrayList<>();
    final Map<String, Object> settings = new LinkedHashMap<>(Map.of("series", "Morning Show", "jingle", "jingle.wav"));
    private final Map<String, Object> store = new LinkedHashMap<>();
    private final Map<String, FakeConference> conferences = new LinkedHashMap<>();
    FakeCall transmitter;
    private int outbound;

    FakeStation(ActionLog log) {
        this.log = log;
    }

    @Override public String getId() { return "kampala-fm"; }
    @Override public String getName() { return "Kampala FM"; }
    @Override public String getTimezone() { return "Africa/Kampala"; }
    /** The station's clock: a test sets it. */
    java.time.ZonedDateTime now = java.time.ZonedDateTime.parse("2026-11-22T08:00:00+03:00[Africa/Kampala]");
    @Override public java.time.ZonedDateTime getNow() { return now; }
    @Override public Map<String, Object> getSettings() { return settings; }
    @Override public Map<String, String> getLines() { return Map.of("call-in", "+256414000001"); }
    @Override public List<Call> getCalls() { return calls; }

    @Override
    public Call dialTransmitter() {
        log.add("station.dialTransmitter()");
        transmitter = new FakeCall(log, "tx", "+256414000000", "transmitter", "outbound", null);
        calls.add(transmitter);
        return transmitter;
    }

    @Override public Call getTransmitter() { return transmitter; }
    @Override public void hangupTransmitter() { transmitter = null; }

    @Override
    public Call originate(String number, Map<String, Object> options) {
        log.add("station.originate(" + number + ", " + Json.of(options) + ")");
        FakeCall c = new FakeCall(log, "out" + (++outbound), "+256414000000", number, "outbound", null);
        calls.add(c);
        return c;
    }

    @Override
    public Call originate(String number) {
        return originate(number, Map.of());
    }

    @Override
    public Conference conference(String name) {
        return conferences.computeIfAbsent(name, n -> new FakeConference(log, n));
    }

    @Override public void after(double seconds, String name) { log.add("station.after(" + Json.of(seconds) + ", " + name + ")"); }
    @Override public void every(double seconds, String name) { log.add("station.every(" + Json.of(seconds) + ", " + name + ")"); }
    @Override public void at(String localTime, String name) { log.add("station.at(" + localTime + ", " + name + ")"); }
    @Override public void cancel(String name) { log.add("station.cancel(" + name + ")"); }

    @Override
    public KeyValueStore getStore() {
        return new KeyValueStore() {
            @Override public Object get(String key) { return store.get(key); }
            @Override public void put(String key, Object value) { log.add("store.put(" + key + ", " + Json.of(value) + ")"); store.put(key, value); }
            @Override public void remove(String key) { log.add("store.remove(" + key + ")"); store.remove(key); }
            @Override public Set<String> keys() { return store.keySet(); }
        };
    }

    @Override public void publish(String topic, Object data) { log.add("station.publish(" + topic + ", " + Json.of(data) + ")"); }
    @Override public void subscribe(String topic) { log.add("station.subscribe(" + topic + ")"); }

    @Override
    public Sms getSms() {
        return new Sms() {
            @Override public void send(String to, String text) { log.add("sms.send(" + to + ", " + text + ")"); }
            @Override public List<SmsMessage> recent(int count) {
                return List.of(new SmsMessage("+256700000001", "+256414000001", "Hello from Gulu", 1_700_000_000_000L)).subList(0, Math.min(1, count));
            }
        };
    }

    @Override
    public org.stationd.api.Recordings getRecordings() {
        return new org.stationd.api.Recordings() {
            @Override public org.stationd.api.Recording save(String file, String category, int days, String caller, Double seconds) {
                log.add("recordings.save(" + file + ", " + category + ", " + days + ")");
                return new org.stationd.api.Recording(1, file, category, caller, seconds, 0, "pending");
            }
            @Override public List<org.stationd.api.Recording> playable() { return List.of(); }
        };
    }

    @Override public boolean lease(String name, double seconds) { log.add("station.lease(" + name + ")"); return true; }
    @Override public void releaseLease(String name) { log.add("station.releaseLease(" + name + ")"); }
    @Override public void reportStatus(String status, String reason) { log.add("station.reportStatus(" + status + ")"); }

    /** A call someone made to the station's call-in line. */
    FakeCall incoming(String id, String from) {
        FakeCall c = new FakeCall(log, id, from, "+256414000001", "inbound", "call-in");
        calls.add(c);
        return c;
    }
}

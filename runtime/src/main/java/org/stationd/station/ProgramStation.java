package org.stationd.station;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stationd.api.Call;
import org.stationd.api.Conference;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.api.KeyValueStore;
import org.stationd.api.Recordings;
import org.stationd.api.Sms;
import org.stationd.api.Station;
import org.stationd.config.StationConfig;

/**
 * What a program's {@code station} offers ({@link Station}): its identity and settings, its calls,
 * the transmitter, calls it places, conferences, timers, storage, messages, texts and leases. Each
 * checks what the program gave and hands the work to the part of the station that does it. The
 * one {@link Station} of a station ({@link StationContext#station()}): the Groovy and JavaScript
 * programs get it as {@code station}.
 */
final class ProgramStation implements Station {
    private final StationContext station;
    private final StationConfig config;
    private final StationServices services;
    private final ProgramSlot slot;
    private final CallTable calls;
    private final Dialler dialler;
    private final TransmitterDialer transmitter;
    private final StationTimers timers;
    private final StationTopics topics;
    private final StationLeases leases;
    private final KeyValueStore store;
    private final Sms sms;
    private final Recordings recordings;
    private final StationConferences conferences;

    /** The parts a program reaches through its station. */
    record Parts(ProgramSlot slot, CallTable calls, Dialler dialler, TransmitterDialer transmitter, StationConferences conferences,
                 StationTimers timers, StationTopics topics, StationLeases leases, KeyValueStore store, Sms sms, Recordings recordings) {}

    ProgramStation(StationContext station, StationServices services, Parts parts) {
        this.station = station;
        this.config = station.config();
        this.services = services;
        this.slot = parts.slot();
        this.calls = parts.calls();
        this.dialler = parts.dialler();
        this.transmitter = parts.transmitter();
        this.conferences = parts.conferences();
        this.timers = parts.timers();
        this.topics = parts.topics();
        this.leases = parts.leases();
        this.store = parts.store();
        this.sms = parts.sms();
        this.recordings = parts.recordings();
    }

    @Override public String getId() { return config.id(); }
    @Override public String getName() { return config.name(); }
    @Override public String getTimezone() { return config.timezone().getId(); }
    @Override public Map<String, Object> getSettings() { return slot.settings(); }
    @Override public ZonedDateTime getNow() { return services.scheduler().now().atZone(config.timezone()); }

    @Override
    public void reportStatus(String status, String reason) {
        if (!Set.of("ok", "no_media", "failed").contains(status)) {
            throw new IllegalArgumentException("reportStatus: status must be ok, no_media or failed, got '" + status + "'");
        }
        slot.reportStatus(status, reason);
        station.log("info", "airing status " + status + (reason == null ? "" : ": " + reason));
    }

    @Override public Map<String, String> getLines() { return config.primaryLines(); }
    @Override public List<Call> getCalls() { return calls.live(); }
    @Override public Call dialTransmitter() { return transmitter.dial(); }
    @Override public Call getTransmitter() { return transmitter.current(); }
    @Override public void hangupTransmitter() { transmitter.hangUp(); }
    @Override public Call originate(String number) { return originate(number, Map.of()); }
    @Override public Call originate(String number, Map<String, Object> options) { return dialler.originate(number, options); }

    @Override public Conference conference(String name) { return conferences.named(name); }

    @Override public void after(double seconds, String name) { timers.after(seconds, name); }
    @Override public void every(double seconds, String name) { timers.every(seconds, name); }
    @Override public void at(String localTime, String name) { timers.at(localTime, name); }
    @Override public void cancel(String name) { timers.cancel(name); }

    @Override public KeyValueStore getStore() { return store; }

    @Override
    public void publish(String topic, Object data) {
        topics.publish(topic, data);
    }

    @Override
    public void subscribe(String topic) {
        topics.subscribe(topic, (t, d) -> station.submit(() -> {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("topic", t);
            rec.put("data", d);
            station.tap("in", "zmq", rec);
            station.deliver(Event.of(EventKind.MESSAGE).topic(t).data(d).build());
        }));
    }

    @Override public Sms getSms() {
        if (sms == null) {
            throw new IllegalStateException("station " + config.id() + " has no sms number in stations.yaml");
        }
        return sms;
    }

    @Override public Recordings getRecordings() { return recordings; }

    @Override
    public boolean lease(String name, double seconds) {
        if (!(seconds > 0 && seconds <= 3600)) {   // NaN too
            throw new IllegalArgumentException("lease: seconds must be between 0 and 3600, got " + seconds);
        }
        leaseName(name, "lease");
        if (slot.quarantined()) {
            return false;   // a handler that ignored its stop, still running: its program is gone and takes nothing more
        }
        boolean granted = leases.claim(name, Duration.ofMillis(Math.round(seconds * 1000)));
        station.tap("in", "lease", Map.of("name", name, "granted", granted));   // the database's answer is the outside world: a replay gives it back
        return granted;
    }

    @Override
    public void releaseLease(String name) {
        leaseName(name, "releaseLease");
        leases.release(name);
    }

    /** The database keeps lease names of up to 200 characters, the group's name and this one's together. */
    private static void leaseName(String name, String what) {
        if (name == null || name.isEmpty() || name.length() > 100) {
            throw new IllegalArgumentException(what + ": the name must be text of 1 to 100 characters, e.g. 'news-master', got "
                    + (name == null ? "null" : name.length() + " characters"));
        }
    }
}

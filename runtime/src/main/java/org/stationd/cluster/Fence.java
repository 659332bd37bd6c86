package org.stationd.cluster;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.stationd.api.KeyValueStore;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.session.ApiResponse;
import org.stationd.station.LeaseService;
import org.stationd.switchlink.ForwardingSwitchLink;
import org.stationd.switchlink.SwitchLink;

/**
 * One station's fence on a host of a cluster: what the station sends to the switch, writes to its
 * store, recordings and texts, and claims of named leases gets through only while this host holds the station at the
 * epoch it was started with ({@link ClusterMember#mayAct}). A host that lost the station (it
 * stopped renewing, was cut off, paused) may still run its program for a moment, but nothing of
 * it reaches the switch or the database; reading stays allowed.
 */
public final class Fence {
    private final ClusterMember member;
    private final String station;
    private final long epoch;

    Fence(ClusterMember member, String station, long epoch) {
        this.member = member;
        this.station = station;
        this.epoch = epoch;
    }

    public boolean open() {
        return member.mayAct(station, epoch);
    }

    public long epoch() {
        return epoch;
    }

    private FencedException refused(String what) {
        return new FencedException("station " + station + " is no longer owned by host " + member.hostId() + " (lease epoch " + epoch
                + (member.epoch(station) > 0 ? ", now " + member.epoch(station) : "") + "): " + what + " not sent");
    }

    /** The station's switch: commands fail with a {@link FencedException} once the fence is closed. */
    public SwitchLink link(SwitchLink inner) {
        return new ForwardingSwitchLink(inner) {
            @Override
            public CompletableFuture<ApiResponse> api(String command) {
                return open() ? inner.api(command) : CompletableFuture.failedFuture(refused(verb(command)));
            }

            @Override
            public CompletableFuture<ApiResponse> bgapi(String command) {
                return open() ? inner.bgapi(command) : CompletableFuture.failedFuture(refused(verb(command)));
            }

            @Override
            public CompletableFuture<Void> sendmsg(String uuid, SendMsg msg) {
                return open() ? inner.sendmsg(uuid, msg) : CompletableFuture.failedFuture(refused("sendmsg to " + uuid));
            }

            @Override
            public SwitchLink answeringOn(java.util.concurrent.Executor origin) {
                return link(inner.answeringOn(origin));   // the station's own view, fenced the same
            }
        };
    }

    private static String verb(String command) {
        return command.split(" ", 2)[0];
    }

    /** The station's store: writes refused once the fence is closed (the new owner's data wins). */
    public KeyValueStore store(KeyValueStore inner) {
        return new KeyValueStore() {
            @Override public Object get(String key) { return inner.get(key); }
            @Override public Set<String> keys() { return inner.keys(); }

            @Override
            public void put(String key, Object value) {
                if (!open()) throw refused("store.put('" + key + "')");
                inner.put(key, value);
            }

            @Override
            public void remove(String key) {
                if (!open()) throw refused("store.remove('" + key + "')");
                inner.remove(key);
            }
        };
    }

    /** The station's recordings: none saved once the fence is closed (the new owner runs the voice board now). */
    public org.stationd.api.Recordings recordings(org.stationd.api.Recordings inner) {
        return new org.stationd.api.Recordings() {
            @Override
            public org.stationd.api.Recording save(String file, String category, int days, String caller, Double seconds) {
                if (!open()) throw refused("recordings.save('" + file + "')");
                return inner.save(file, category, days, caller, seconds);
            }

            @Override
            public java.util.List<org.stationd.api.Recording> playable() {
                return inner.playable();
            }
        };
    }

    /**
     * The station's texts: a text it sends is refused before it is stored (it would not reach the
     * switch either); a text that arrives is not stored here: the host that owns the station now
     * hears the same message from the switch and stores it. Null for a station without texts.
     */
    public org.stationd.station.SmsInbox sms(org.stationd.station.SmsInbox inner) {
        if (inner == null) return null;   // the station has no sms number
        return new org.stationd.station.SmsInbox() {
            @Override
            public void send(String to, String text) {
                if (!open()) throw refused("sms.send to " + to);
                inner.send(to, text);
            }

            @Override
            public void received(String from, String text) {
                if (open()) inner.received(from, text);
            }

            @Override
            public java.util.List<org.stationd.api.SmsMessage> recent(int count) {
                return inner.recent(count);
            }
        };
    }

    /**
     * The station's messages: what it publishes once the fence is closed is dropped (it would reach
     * the new owner's group on other hosts too), without an error: the host publishes some of the
     * station's news itself (transmitter unreachable) where an error has nowhere to go. What it
     * hears still comes in.
     */
    public org.stationd.station.MessageBus bus(org.stationd.station.MessageBus inner) {
        return new org.stationd.station.MessageBus() {
            @Override
            public void publish(String topic, Object data) {
                if (open()) inner.publish(topic, data);
            }

            @Override
            public AutoCloseable subscribe(String prefix, java.util.function.BiConsumer<String, Object> receiver) {
                return inner.subscribe(prefix, receiver);
            }
        };
    }

    /** Named leases (a group's master token): not claimed, renewed or released once the fence is closed. */
    public LeaseService leases(LeaseService inner) {
        return new LeaseService() {
            @Override
            public boolean claim(String name, String holder, Duration ttl) {
                return open() && inner.claim(name, holder, ttl);
            }

            @Override
            public boolean renew(String name, String holder, Duration ttl) {
                return open() && inner.renew(name, holder, ttl);
            }

            @Override
            public void release(String name, String holder) {
                if (open()) inner.release(name, holder);   // the new owner's station holds it under the same name now
            }
        };
    }
}

package org.stationd.station;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.stationd.api.KeyValueStore;
import org.stationd.api.Recordings;
import org.stationd.api.Sms;
import org.stationd.switchlink.SwitchLink;

/**
 * What the host gives every station: the switch, time, threads, messaging, storage and where files
 * live. Built in one place, {@link #builder}: the live host, the replays and the tests each say
 * only what differs from the in-memory defaults.
 */
public final class StationServices {
    public static final Duration DEFAULT_HANDLER_LIMIT = Duration.ofMillis(200);

    private final SwitchLink link;
    private final Scheduler scheduler;
    private final Executor pool;
    private final MessageBus bus;
    private final StationListener listener;
    private final Path mediaDir;
    private final Path recordingsDir;
    private final String ttsVoice;
    private final Duration handlerLimit;
    private final Function<String, KeyValueStore> stores;
    private final Function<String, Sms> sms;
    private final Function<String, Recordings> recordings;
    private final LeaseService leases;
    private final CallOwners owners;
    private final StationTap tap;
    private final Supplier<String> ids;
    private final java.util.function.BooleanSupplier held;

    private StationServices(Builder b) {
        link = b.link;
        scheduler = b.scheduler;
        pool = b.pool;
        bus = b.bus;
        listener = b.listener;
        mediaDir = b.mediaDir;
        recordingsDir = b.recordingsDir;
        ttsVoice = b.ttsVoice;
        handlerLimit = b.handlerLimit;
        stores = b.stores;
        sms = b.sms;
        recordings = b.recordings;
        leases = b.leases != null ? b.leases : new MemoryLeases(b.scheduler::now);
        owners = b.owners;
        tap = b.tap;
        ids = b.ids;
        held = b.held;
    }

    /** Services on {@code link}, {@code scheduler} and {@code pool}; everything else in memory until set. */
    public static Builder builder(SwitchLink link, Scheduler scheduler, Executor pool) {
        return new Builder(link, scheduler, pool);
    }

    public SwitchLink link() { return link; }
    public Scheduler scheduler() { return scheduler; }
    public Executor pool() { return pool; }
    public MessageBus bus() { return bus; }
    public StationListener listener() { return listener; }
    public Path mediaDir() { return mediaDir; }
    public Path recordingsDir() { return recordingsDir; }
    public String ttsVoice() { return ttsVoice; }
    public Duration handlerLimit() { return handlerLimit; }
    public Function<String, KeyValueStore> stores() { return stores; }
    public Function<String, Sms> sms() { return sms; }
    public Function<String, Recordings> recordings() { return recordings; }
    public LeaseService leases() { return leases; }
    public CallOwners owners() { return owners; }
    public StationTap tap() { return tap; }
    public Supplier<String> ids() { return ids; }
    /** Whether this host still holds the station (in a cluster; alone, always). */
    public boolean held() { return held.getAsBoolean(); }

    /** Random uuids for calls and playbacks; replays use {@link #seededIds} so every run is the same. */
    public static Supplier<String> randomIds() {
        return () -> UUID.randomUUID().toString();
    }

    public static Supplier<String> seededIds(long seed) {
        Random r = new Random(seed);
        return () -> new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    /** The one way to make {@link StationServices}. */
    public static final class Builder {
        private final SwitchLink link;
        private final Scheduler scheduler;
        private final Executor pool;
        private MessageBus bus = new InMemoryBus();
        private StationListener listener = StationListener.NONE;
        private Path mediaDir;
        private Path recordingsDir;
        private String ttsVoice = "flite|kal";
        private Duration handlerLimit = DEFAULT_HANDLER_LIMIT;
        private Function<String, KeyValueStore> stores = k -> new MemoryStore();
        private Function<String, Sms> sms = k -> null;
        private Function<String, Recordings> recordings = k -> new MemoryRecordings();
        private LeaseService leases;   // null: in memory on the scheduler's clock
        private CallOwners owners = CallOwners.NONE;
        private StationTap tap = StationTap.NONE;
        private Supplier<String> ids = randomIds();
        private java.util.function.BooleanSupplier held = () -> true;

        private Builder(SwitchLink link, Scheduler scheduler, Executor pool) {
            this.link = Objects.requireNonNull(link, "link");
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            this.pool = Objects.requireNonNull(pool, "pool");
        }

        public Builder bus(MessageBus bus) { this.bus = bus; return this; }
        public Builder listener(StationListener listener) { this.listener = listener; return this; }
        /** Where media are read and recordings written (either may be null: replays, tests). */
        public Builder files(Path mediaDir, Path recordingsDir) { this.mediaDir = mediaDir; this.recordingsDir = recordingsDir; return this; }
        /** The text-to-speech voice ({@code engine|voice}); null: none, and the switch is not asked for an engine. */
        public Builder ttsVoice(String ttsVoice) { this.ttsVoice = ttsVoice; return this; }
        public Builder handlerLimit(Duration handlerLimit) { this.handlerLimit = handlerLimit; return this; }
        public Builder stores(Function<String, KeyValueStore> stores) { this.stores = stores; return this; }
        public Builder sms(Function<String, Sms> sms) { this.sms = sms; return this; }
        public Builder recordings(Function<String, Recordings> recordings) { this.recordings = recordings; return this; }
        public Builder leases(LeaseService leases) { this.leases = leases; return this; }
        /** Who learns which calls and conferences a station has: the host's router. */
        public Builder owners(CallOwners owners) { this.owners = owners; return this; }
        public Builder tap(StationTap tap) { this.tap = tap; return this; }
        public Builder ids(Supplier<String> ids) { this.ids = ids; return this; }
        /** In a cluster: whether this host still holds the station (its fence is open); alone, always. */
        public Builder held(java.util.function.BooleanSupplier held) { this.held = held; return this; }

        public StationServices build() {
            return new StationServices(this);
        }
    }
}

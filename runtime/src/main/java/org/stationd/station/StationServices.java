package org.stationd.station;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.stationd.api.KeyValueStore;
import org.stationd.api.Recordings;
import org.stationd.api.Sms;
import org.stationd.switchlink.SwitchLink;

/** What the host gives every station: the switch, time, threads, messaging, storage and where files live. */
public record StationServices(
        SwitchLink link,
        Scheduler scheduler,
        Executor pool,
        MessageBus bus,
        StationListener listener,
        Path mediaDir,
        Path recordingsDir,
        String ttsVoice,
        Duration handlerLimit,
        Function<String, KeyValueStore> stores,
        Function<String, Sms> sms,
        Function<String, Recordings> recordings,
        LeaseService leases,
        CallOwners owners,
        StationTap tap,
        java.util.function.Supplier<String> ids) {

    /** Random uuids for calls and playbacks; replays use {@link #seededIds} so every run is the same. */
    public static java.util.function.Supplier<String> randomIds() {
        return () -> java.util.UUID.randomUUID().toString();
    }

    public static java.util.function.Supplier<String> seededIds(long seed) {
        java.util.Random r = new java.util.Random(seed);
        return () -> new java.util.UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    public static final Duration DEFAULT_HANDLER_LIMIT = Duration.ofMillis(200);
}

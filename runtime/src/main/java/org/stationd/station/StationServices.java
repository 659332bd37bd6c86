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
        StationTap tap) {

    public static final Duration DEFAULT_HANDLER_LIMIT = Duration.ofMillis(200);
}

package org.stationd.host;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.stationd.config.SwitchConfig;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.command.EventFormat;
import org.stationd.station.OriginatePacer;
import org.stationd.station.Router;
import org.stationd.station.Scheduler;
import org.stationd.station.StationContext;

/**
 * One switch the host drives and what belongs to its connection: the router of its events, the
 * resync across its outages, the refusal of calls to numbers no station of it owns, and the pace of
 * originates (FreeSWITCH limits sessions per second per switch). Its stations are those that name
 * it; a drop of this switch tells them alone.
 */
final class SwitchSide {
    final String name;
    final SwitchConfig config;
    final EslClient client;
    final Router router = new Router();
    final OriginatePacer originates;
    final SwitchResync resync;

    /**
     * {@code stations}: this switch's stations now; {@code mayAct} (null: always) whether a station may still
     * send commands; {@code elsewhere} (null: none) whether a number is a station's that another host runs.
     */
    SwitchSide(String name, SwitchConfig config, EslClient client, Scheduler clock, Supplier<Collection<StationContext>> stations,
               Predicate<String> mayAct, Predicate<String> elsewhere) {
        this.name = name;
        this.config = config;
        this.client = client;
        this.originates = new OriginatePacer(config.originatesPerSecond(), clock);
        this.resync = mayAct == null ? new SwitchResync(client, stations) : new SwitchResync(client, stations, mayAct);
        router.onUnownedCall(elsewhere == null ? new UnownedCalls(client) : new UnownedCalls(client, elsewhere));
    }

    /** Events start to flow: on the event loop, in socket order, straight into the stations' queues. */
    void listen() throws Exception {
        client.intake(org.stationd.esl.dispatch.EventListener.all(router, resync));
        client.addConnectionListener(resync);
        client.events(EventFormat.PLAIN, "ALL").get(10, TimeUnit.SECONDS);
    }

    boolean up() {
        return resync.state() == SwitchResync.State.UP;
    }
}

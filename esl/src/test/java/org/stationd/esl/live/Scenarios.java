package org.stationd.esl.live;

import java.util.List;

/**
 * The captures' commands, translated to the bundled switch's {@code stations} context: transmitter
 * calls to {@code tx<N>}, listener calls parked on a station line, {@code busy},
 * {@code ring_noanswer}; playback by sendmsg, uuid_kill, uuid_bridge, DTMF, conference, record, speak.
 * Each ends when every leg it made is destroyed.
 */
final class Scenarios {
    static final String TX = "{station_id=s1}loopback/tx1/stations &park()";
    static final String LISTENER = "{origination_caller_id_number=256700000555}loopback/256414000001/stations &park()";

    private Scenarios() {}

    static List<Scenario> all() {
        return List.of(
                new Scenario("transmitter plays, is killed mid-playback", Scenarios::playbackThenKill),
                new Scenario("a parked listener is answered and bridged to a playing transmitter", Scenarios::bridgeListener),
                new Scenario("busy and ring_noanswer", Scenarios::busyAndNoAnswer),
                new Scenario("uuid_send_dtmf on each loopback leg", Scenarios::dtmf));
    }

    /** Capture 03/10: playback to the end, then a second playback cut by uuid_kill. */
    static void playbackThenKill(ScenarioRun r) throws Exception {
        r.originate("tx", TX);
        r.await("tx.a", "CHANNEL_PARK");
        r.awaitComplete(r.execute("tx.a", "playback", r.media("one.wav")));
        r.execute("tx.a", "playback", r.media("three.wav"));
        r.await("tx.a", "PLAYBACK_START", 2);
        r.api("uuid_kill <tx.a>");
        r.awaitAllDestroyed();
    }

    /** A listener rings a station line (parked, ringing); the station answers it and bridges it to its transmitter. */
    static void bridgeListener(ScenarioRun r) throws Exception {
        ScenarioRun.Pending listener = r.originateLater("listener", LISTENER);
        r.await("listener.b", "CHANNEL_PARK");
        r.originate("tx", TX);
        r.await("tx.a", "CHANNEL_PARK");
        r.api("uuid_answer <listener.b>");
        listener.get();
        r.await("listener.a", "CHANNEL_PARK");
        r.execute("tx.a", "playback", r.media("three.wav"));
        r.await("tx.a", "PLAYBACK_START");
        r.api("uuid_bridge <tx.a> <listener.b>");
        r.await("tx.a", "CHANNEL_BRIDGE");
        r.api("uuid_kill <tx.a>");
        r.awaitAllDestroyed();
    }

    static void busyAndNoAnswer(ScenarioRun r) throws Exception {
        r.originate("busy", "loopback/busy/stations &park()");
        r.originate("ringing", "{originate_timeout=2}loopback/ring_noanswer/stations &park()");
        r.awaitAllDestroyed();
    }

    /** The key sent to a -b leg comes out of its -a leg, and the other way round. */
    static void dtmf(ScenarioRun r) throws Exception {
        r.originate("tx", TX);
        r.await("tx.a", "CHANNEL_PARK");
        r.api("uuid_send_dtmf <tx.b> 1");
        r.await(e -> e.is("DTMF") && "1".equals(e.header("DTMF-Digit")), "DTMF 1");
        r.api("uuid_send_dtmf <tx.a> 2");
        r.await(e -> e.is("DTMF") && "2".equals(e.header("DTMF-Digit")), "DTMF 2");
        r.api("uuid_kill <tx.a>");
        r.awaitAllDestroyed();
    }
}

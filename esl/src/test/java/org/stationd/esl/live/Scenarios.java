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
                new Scenario("uuid_send_dtmf on each loopback leg", Scenarios::dtmf),
                new Scenario("conference join, play, play file@@samples, kick", Scenarios::conference),
                new Scenario("conference files: tagged names, a bare stop of the playing and queued files, stop current", Scenarios::conferenceStop),
                new Scenario("caller controls of the default conference profile", Scenarios::callerControls),
                new Scenario("uuid_break, then playback from an offset (file@@samples)", Scenarios::breakAndResume),
                new Scenario("leave a conference (uuid_transfer park inline), uuid_break all", Scenarios::leaveAndBreakAll),
                new Scenario("a listener's menu: play_and_get_digits answered by a key", Scenarios::menu),
                new Scenario("record, then record into a missing folder", Scenarios::record),
                new Scenario("hang-up mid-recording", Scenarios::hangupWhileRecording),
                new Scenario("speak without a TTS module, playback of a missing file", Scenarios::speakAndMissingFile),
                new Scenario("answer_park, echo and news extensions", Scenarios::extensions));
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

    /**
     * A listener's call the station answered: the key sent to the -b leg (the one the station owns)
     * comes out of the -a leg, and the other way round. (Both legs parked: a leg playing when it is
     * hung up may answer FILE PLAYED or PLAYBACK ERROR on the real switch, a race this test avoids.)
     */
    static void dtmf(ScenarioRun r) throws Exception {
        ScenarioRun.Pending listener = r.originateLater("listener", LISTENER);
        r.await("listener.b", "CHANNEL_PARK");
        r.api("uuid_answer <listener.b>");
        listener.get();
        r.await("listener.a", "CHANNEL_PARK");
        r.api("uuid_send_dtmf <listener.b> 1");
        r.await(e -> e.is("DTMF") && "1".equals(e.header("DTMF-Digit")), "DTMF 1");
        r.api("uuid_send_dtmf <listener.a> 2");
        r.await(e -> e.is("DTMF") && "2".equals(e.header("DTMF-Digit")), "DTMF 2");
        r.api("uuid_kill <listener.b>");
        r.awaitAllDestroyed();
    }

    /**
     * Capture 04 with the stations' own commands and the shipped {@code default} profile (alone
     * sound, hold music): two transmitters in a room, a file played, a resume offset refused, the
     * members kicked one after the other (with {@code kick all} FreeSWITCH's member threads leave in
     * either order).
     */
    static void conference(ScenarioRun r) throws Exception {
        String tx2Member = bothIn(r, "studio");
        r.api("conference studio play " + r.media("one.wav"));
        r.await(e -> "play-file-done".equals(e.header("Action")) && r.media("one.wav").equals(e.header("File")), "play-file-done of one.wav");
        r.api("conference studio play " + r.media("three.wav") + "@@8000");
        r.api("conference studio play " + r.media("missing.wav"));
        r.api("conference studio kick " + tx2Member);
        String tx2 = r.uuid("tx2.a");
        r.await(e -> "del-member".equals(e.header("Action")) && tx2.equals(e.uniqueId()), "tx2 leaves");
        r.api("conference studio kick all");
        r.awaitConference("conference-destroy", 1);
        r.await(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && "conference".equals(e.header("Application")), 2, "both conference applications end");
        r.api("uuid_kill <tx1.a>");
        r.api("uuid_kill <tx2.a>");
        r.awaitAllDestroyed();
    }

    /**
     * Transmitters tx1 and tx2 in {@code room} of the default profile, tx1 holding the floor, and the
     * hold music that played while tx1 was alone stopped; tx2's member id.
     */
    private static String bothIn(ScenarioRun r, String room) throws Exception {
        String tx2Member = null;
        for (String tx : List.of("tx1", "tx2")) {
            r.originate(tx, "{station_id=" + tx + "}loopback/" + tx + "/stations &park()");
            r.await(tx + ".a", "CHANNEL_PARK");
            r.execute(tx + ".a", "conference", room + "@default");
            String uuid = r.uuid(tx + ".a");
            tx2Member = r.await(e -> "add-member".equals(e.header("Action")) && uuid.equals(e.uniqueId()), "add-member of " + tx)
                    .header("Member-ID");
            if (tx.equals("tx1")) {
                r.await(e -> "floor-change".equals(e.header("Action")) && uuid.equals(e.uniqueId()), "tx1 has the floor");
            }
        }
        r.await(e -> "play-file-done".equals(e.header("Action")) && "local_stream://moh".equals(e.header("File")), "the hold music stops");
        return tx2Member;
    }

    /**
     * Two members in a room of the default profile (so no hold music: a lone member's comes back on
     * the conference thread at a moment no event marks, which races the commands on the real switch):
     * files named with a {@code {k=v}} prefix (played, reported as given; a missing one too), a bare
     * {@code stop} of the file playing and one queued (their play-file-done awaited before going on:
     * the switch closes them on its next frames), then {@code stop current} of a playing file with
     * one queued.
     */
    static void conferenceStop(ScenarioRun r) throws Exception {
        String tx2Member = bothIn(r, "files");
        String one = "{stationd_play=1}" + r.media("one.wav");
        r.api("conference files play " + one);
        awaitDone(r, one, 1);
        String ten = "{stationd_play=2}" + r.media("ten.wav");
        String three = "{stationd_play=3}" + r.media("three.wav");
        r.api("conference files play " + ten);
        r.api("conference files play " + three);
        r.api("conference files play {stationd_play=4}" + r.media("missing.wav"));
        r.api("conference files stop");
        awaitDone(r, ten, 1);
        awaitDone(r, three, 1);
        String again = "{stationd_play=5}" + r.media("ten.wav");
        r.api("conference files play " + again);
        r.api("conference files play " + one);
        r.api("conference files stop current");
        awaitDone(r, again, 1);
        awaitDone(r, one, 2);
        r.api("conference files kick " + tx2Member);   // one at a time, as in the conference scenario: with kick all they leave in either order
        String tx2 = r.uuid("tx2.a");
        r.await(e -> "del-member".equals(e.header("Action")) && tx2.equals(e.uniqueId()), "tx2 leaves");
        r.api("conference files kick all");
        r.awaitConference("conference-destroy", 1);
        r.await(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && "conference".equals(e.header("Application")), 2, "both conference applications end");
        r.api("uuid_kill <tx1.a>");
        r.api("uuid_kill <tx2.a>");
        r.awaitAllDestroyed();
    }

    /** A transmitter alone in {@code room} of the default profile, holding the floor; its leg's uuid. */
    private static String aloneIn(ScenarioRun r, String room) throws Exception {
        r.originate("tx", TX);
        r.await("tx.a", "CHANNEL_PARK");
        r.execute("tx.a", "conference", room + "@default");
        String member = r.uuid("tx.a");
        r.await(e -> "floor-change".equals(e.header("Action")) && member.equals(e.uniqueId()), "the member has the floor");
        return member;
    }

    /** The {@code n}th play-file-done of {@code file} (named as played). */
    private static void awaitDone(ScenarioRun r, String file, int n) throws InterruptedException {
        r.await(e -> "play-file-done".equals(e.header("Action")) && file.equals(e.header("File")), n, "play-file-done of " + file);
    }

    /** Issue 11 #5: in a room of the shipped default profile, a member's keys mute, deafen, change levels and leave. */
    static void callerControls(ScenarioRun r) throws Exception {
        String member = aloneIn(r, "controls");
        String[][] keys = {{"0", "mute-member"}, {"*", "unmute-member"}, {"*", "deaf-member"}, {"0", "undeaf-member"},
                {"3", "volume-level"}, {"4", "gain-level"}, {"9", "energy-level"}, {"#", "del-member"}};
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (String[] k : keys) {
            r.api("uuid_send_dtmf <tx.b> " + k[0]);   // a key sent to the -b leg comes out of the member's -a leg
            int n = seen.merge(k[1], 1, Integer::sum);
            r.await(e -> k[1].equals(e.header("Action")) && member.equals(e.uniqueId()), n, "key " + k[0] + ": " + k[1]);
        }
        r.await(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && "conference".equals(e.header("Application")), "the member left");
        r.api("uuid_kill <tx.a>");
        r.awaitAllDestroyed();
    }

    /** uuid_break stops a playback (FILE PLAYED, status break); playback then resumes a file from an offset. */
    static void breakAndResume(ScenarioRun r) throws Exception {
        r.originate("tx", TX);
        r.await("tx.a", "CHANNEL_PARK");
        r.execute("tx.a", "playback", r.media("three.wav"));
        r.await("tx.a", "PLAYBACK_START");
        r.api("uuid_break <tx.a>");
        r.await("tx.a", "PLAYBACK_STOP");
        r.awaitComplete(r.execute("tx.a", "playback", r.media("three.wav") + "@@16000"));
        r.api("uuid_kill <tx.a>");
        r.awaitAllDestroyed();
    }

    /** The runtime's call.leave() and call.stopPlayback(): out of a room back to park, then a playback cut with uuid_break all. */
    static void leaveAndBreakAll(ScenarioRun r) throws Exception {
        r.originate("tx", TX);
        r.await("tx.a", "CHANNEL_PARK");
        r.execute("tx.a", "conference", "leaving@default");
        String member = r.uuid("tx.a");
        r.await(e -> "floor-change".equals(e.header("Action")) && member.equals(e.uniqueId()), "the member has the floor");
        r.api("uuid_transfer <tx.a> park inline");
        r.await("tx.a", "CHANNEL_PARK", 2);
        r.execute("tx.a", "playback", r.media("three.wav"));
        r.await("tx.a", "PLAYBACK_START");
        r.api("uuid_break <tx.a> all");
        r.await("tx.a", "PLAYBACK_STOP");
        r.api("uuid_kill <tx.a>");
        r.awaitAllDestroyed();
    }

    /** The voice board's menu on a listener's call: the prompt plays, the caller's key (sent into the -a leg) answers it. */
    static void menu(ScenarioRun r) throws Exception {
        ScenarioRun.Pending listener = r.originateLater("listener", LISTENER);
        r.await("listener.b", "CHANNEL_PARK");
        r.api("uuid_answer <listener.b>");
        listener.get();
        r.await("listener.a", "CHANNEL_PARK");
        String menu = r.execute("listener.b", "play_and_get_digits",
                "1 1 1 5000 # " + r.media("three.wav") + " " + r.media("one.wav") + " choice \\d");
        r.await("listener.b", "PLAYBACK_START");
        r.api("uuid_send_dtmf <listener.a> 5");
        r.awaitComplete(menu);
        r.api("uuid_kill <listener.b>");
        r.awaitAllDestroyed();
    }

    /** The voice board's recording: one that ends at its time limit, then one whose folder does not exist. */
    static void record(ScenarioRun r) throws Exception {
        r.originate("tx", TX);
        r.await("tx.a", "CHANNEL_PARK");
        r.awaitComplete(r.execute("tx.a", "record", r.media("rec.wav") + " 1"));
        r.execute("tx.a", "record", r.media("missing/rec.wav") + " 1");
        r.awaitAllDestroyed();
    }

    static void hangupWhileRecording(ScenarioRun r) throws Exception {
        r.originate("tx", TX);
        r.await("tx.a", "CHANNEL_PARK");
        r.execute("tx.a", "record", r.media("long.wav"));
        r.await("tx.a", "RECORD_START");
        r.api("uuid_kill <tx.a>");
        r.awaitAllDestroyed();
    }

    /** The bundled switch has no TTS engine: speak ends at once; a file that is not there fails at once. */
    static void speakAndMissingFile(ScenarioRun r) throws Exception {
        r.originate("tx", TX);
        r.await("tx.a", "CHANNEL_PARK");
        r.awaitComplete(r.execute("tx.a", "speak", "flite|kal|Good morning, this is the news."));
        r.awaitComplete(r.execute("tx.a", "playback", r.media("missing.wav")));
        r.api("uuid_kill <tx.a>");
        r.awaitAllDestroyed();
    }

    static void extensions(ScenarioRun r) throws Exception {
        r.originate("answer_park", "loopback/answer_park/stations &park()");
        r.await("answer_park.b", "CHANNEL_PARK");
        r.originate("echo", "loopback/echo/stations &park()");
        r.await("echo.a", "CHANNEL_PARK");
        r.originate("news", "loopback/news/stations &park()");
        String news = r.uuid("news.b");
        r.await(e -> "floor-change".equals(e.header("Action")) && news.equals(e.uniqueId()), "the news leg joins its room and has the floor");
        r.api("uuid_kill <answer_park.b>");
        r.api("uuid_kill <echo.a>");
        r.api("uuid_kill <news.a>");
        r.awaitAllDestroyed();
    }
}

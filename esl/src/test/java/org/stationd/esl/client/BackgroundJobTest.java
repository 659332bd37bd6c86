package org.stationd.esl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.esl.client.CaptureReplayTest.WAIT;
import static org.stationd.esl.client.CaptureReplayTest.get;
import static org.stationd.esl.client.CaptureReplayTest.innerBody;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.session.ApiResponse;
import org.stationd.esl.session.BackgroundJob;
import org.stationd.esl.session.EslTimeoutException;

/** {@code bgapi}: the job is known before the command is written, it can time out, and it needs BACKGROUND_JOB. */
class BackgroundJobTest {
    private static final RecordedSession CAP03 = RecordedSession.load("03_station_playback_plain.jsonl");
    private static final RecordedSession CAP08 = RecordedSession.load("08_filter_and_errors.jsonl");
    private static final String MISSING = "originate {station_id=s9}loopback/does_not_exist/stations &park()";

    /** The recorded reply (frame 6) and BACKGROUND_JOB (frame 8) of 'bgapi status', for the client's Job-UUID. */
    private static String[] statusJob(String jobUuid) {
        String recorded = CAP03.frame(6).header("Job-UUID");
        return new String[] {
                RecordedSession.rewrite(CAP03.frame(6).raw(), s -> s.replace(recorded, jobUuid)),
                RecordedSession.rewrite(CAP03.frame(8).raw(), s -> s.replace(recorded, jobUuid))};
    }

    @Test
    void resultThatOvertakesTheReplyIsNotLost() throws Exception {
        ScriptedEslServer.Script script = (peer, n) -> {
            peer.login("ClueCon");
            peer.expect("event plain ALL\n\n");
            peer.send(ScriptedPeer.commandReply("+OK event listener enabled plain"));
            String job = peer.expectBgapi("bgapi status\n\n");
            String[] frames = statusJob(job);
            peer.send(frames[1], frames[0]);   // BACKGROUND_JOB first, then the command/reply
            peer.expect("exit\n\n");
            peer.send(ScriptedPeer.commandReply("+OK bye"));
        };
        try (ScriptedEslServer fs = ScriptedEslServer.start(21, script);
             EslClient client = EslClient.connect(fs.options("ClueCon"))) {
            assertTrue(get(client.events(EventFormat.PLAIN, "ALL")).isOk());
            BackgroundJob job = client.bgapi("status");
            assertEquals(innerBody(CAP03.frame(8)), get(job.result()).body());
            assertEquals("+OK Job-UUID: " + job.jobUuid(), get(job.accepted()).replyText());
            assertEquals("+OK bye", get(client.exit()).replyText());
        }
    }

    @Test
    void jobWithoutResultTimesOutAndALateResultIsHarmless() throws Exception {
        ScriptedEslServer.Script script = (peer, n) -> {
            peer.login("ClueCon");
            peer.expect("event plain BACKGROUND_JOB\n\n");
            peer.send(ScriptedPeer.commandReply("+OK event listener enabled plain"));
            String job = peer.expectBgapi("bgapi status\n\n");
            String[] frames = statusJob(job);
            peer.send(frames[0]);              // accepted, but the result does not come in time
            peer.expect("api status\n\n");     // sent once the job timed out
            peer.send(frames[1], ScriptedPeer.apiResponse("UP\n"));
            peer.expect("exit\n\n");
            peer.send(ScriptedPeer.commandReply("+OK bye"));
        };
        try (ScriptedEslServer fs = ScriptedEslServer.start(22, script);
             EslClient client = EslClient.connect(fs.options("ClueCon").withJobTimeout(Duration.ofMillis(300)))) {
            BackgroundJob job = client.bgapi("status");
            assertTrue(get(job.accepted()).isOk());
            ExecutionException e = assertThrows(ExecutionException.class, () -> get(job.result()));
            assertInstanceOf(EslTimeoutException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("'status'") && e.getCause().getMessage().contains("300 ms"), e.getCause().getMessage());
            assertEquals("UP", get(client.api("status")).text(), "the late BACKGROUND_JOB changes nothing");
            assertTrue(client.isConnected());
            assertEquals("+OK bye", get(client.exit()).replyText());
        }
    }

    @Test
    void refusedBackgroundJobSubscriptionFailsTheJobAtOnce() throws Exception {
        ScriptedEslServer.Script script = (peer, n) -> {
            peer.send(ScriptedPeer.AUTH_REQUEST);
            peer.expect("userauth radio@default:s3cret\n\n");
            peer.send(ScriptedPeer.commandReply("+OK accepted"));
            peer.expect("event plain BACKGROUND_JOB\n\n");
            String job = peer.expectBgapi("bgapi status\n\n");
            peer.send(ScriptedPeer.commandReply("-ERR permission denied"), statusJob(job)[0]);
            peer.expect("exit\n\n");
            peer.send(ScriptedPeer.commandReply("+OK bye"));
        };
        try (ScriptedEslServer fs = ScriptedEslServer.start(25, script);
             EslClient client = EslClient.connect(fs.options("s3cret").withUser("radio@default"))) {
            BackgroundJob job = client.bgapi("status");
            assertTrue(get(job.accepted()).isOk());
            ExecutionException e = assertThrows(ExecutionException.class, () -> get(job.result()));   // not after the 5 min job timeout
            assertTrue(e.getCause().getMessage().contains("-ERR permission denied"), e.getCause().getMessage());
            assertEquals("+OK bye", get(client.exit()).replyText());
        }
    }

    @Test
    void bgapiSubscribesToBackgroundJobFirst_08() throws Exception {
        // capture 08 as our client must produce it: auth, then straight to the subscribed bgapi and exit
        RecordedSession cap = CAP08.keep(i -> i <= 2 || (i >= 68 && i <= 72) || i >= 77);
        assertEquals("event plain BACKGROUND_JOB\n\n", cap.frame(3).raw());
        try (ScriptedEslServer fs = ScriptedEslServer.start(23, ScriptedEslServer.replaying(cap));
             EslClient client = EslClient.connect(fs.options("ClueCon"))) {
            ApiResponse result = get(client.bgapi(MISSING).result());
            assertEquals("NO_ROUTE_DESTINATION", result.errorText());
            assertEquals("+OK bye", get(client.exit()).replyText());
            fs.awaitScripts(1, WAIT);
        }
    }

    @Test
    void bgapiSubscribesAgainAfterNoevents_08() throws Exception {
        // event plain ALL, noevents, then the recorded 'event plain BACKGROUND_JOB' and bgapi: the first,
        // unsubscribed bgapi of the capture (frames 66-67) is what the client must never send
        RecordedSession cap = CAP08.keep(i -> i <= 4 || i == 58 || i == 59 || (i >= 68 && i <= 72) || i >= 77);
        try (ScriptedEslServer fs = ScriptedEslServer.start(24, ScriptedEslServer.replaying(cap));
             EslClient client = EslClient.connect(fs.options("ClueCon"))) {
            assertTrue(get(client.events(EventFormat.PLAIN, "ALL")).isOk());
            assertEquals("+OK no longer listening for events", get(client.noevents()).replyText());
            ApiResponse result = get(client.bgapi(MISSING).result());
            assertTrue(result.isError());
            assertEquals("-ERR NO_ROUTE_DESTINATION", result.text());
            assertEquals("+OK bye", get(client.exit()).replyText());
            fs.awaitScripts(1, WAIT);
        }
    }
}

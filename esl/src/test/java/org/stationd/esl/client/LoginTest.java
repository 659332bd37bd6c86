package org.stationd.esl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stationd.esl.client.CaptureReplayTest.WAIT;
import static org.stationd.esl.client.CaptureReplayTest.get;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** {@code auth} and {@code userauth}: accepted, and refused (capture 02) without retrying. */
class LoginTest {
    @RepeatedTest(4)   // FreeSWITCH closes right after "-ERR invalid": each run cuts the writes differently
    void wrongPasswordFailsWithAHintAndNoRetry_02(RepetitionInfo rep) throws Exception {
        RecordedSession cap = RecordedSession.load("02_auth_fail.jsonl");
        try (ScriptedEslServer fs = ScriptedEslServer.start(rep.getCurrentRepetition(), ScriptedEslServer.replaying(cap))) {
            EslAuthException e = assertThrows(EslAuthException.class, () -> EslClient.connect(fs.options("WrongPassword")));
            assertTrue(e.getMessage().contains("-ERR invalid"), e.getMessage());
            assertTrue(e.getMessage().contains("event_socket.conf.xml"), "the message says where the password is set: " + e.getMessage());
            fs.awaitScripts(1, WAIT);
            assertEquals(1, fs.connections(), "a refused password is not retried");
        }
    }

    @Test
    void userauthSendsUserAndPassword() throws Exception {
        String status = RecordedSession.load("01_auth_api.jsonl").frame(4).raw();
        ScriptedEslServer.Script script = (peer, n) -> {
            peer.send(ScriptedPeer.AUTH_REQUEST);
            peer.expect("userauth 1000@default:s3cret\n\n");
            peer.send(ScriptedPeer.commandReply("+OK accepted"));
            peer.expect("api status\n\n");
            peer.send(status);
            peer.expect("exit\n\n");
            peer.send(ScriptedPeer.commandReply("+OK bye"), ScriptedPeer.disconnectNotice("Disconnected, goodbye.\n"));
        };
        try (ScriptedEslServer fs = ScriptedEslServer.start(81, script);
             EslClient client = EslClient.connect(fs.options("s3cret").withUser("1000@default"))) {
            assertTrue(get(client.api("status")).text().startsWith("UP "));
            assertEquals("+OK bye", get(client.exit()).replyText());
            fs.awaitScripts(1, WAIT);
        }
    }

    @Test
    void refusedUserauthNamesTheUser() throws Exception {
        ScriptedEslServer.Script script = (peer, n) -> {
            peer.send(ScriptedPeer.AUTH_REQUEST);
            peer.expect("userauth 1000@default:nope\n\n");
            peer.send(ScriptedPeer.commandReply("-ERR invalid"), ScriptedPeer.disconnectNotice("Disconnected, goodbye.\n"));
        };
        try (ScriptedEslServer fs = ScriptedEslServer.start(82, script)) {
            EslAuthException e = assertThrows(EslAuthException.class, () -> EslClient.connect(fs.options("nope").withUser("1000@default")));
            assertTrue(e.getMessage().contains("'1000@default'") && e.getMessage().contains("esl-password"), e.getMessage());
            assertTrue(!e.getMessage().contains("nope"), "the password is not in the message");
            fs.awaitScripts(1, WAIT);
        }
    }
}

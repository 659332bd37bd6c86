package org.stationd.esl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.stationd.esl.codec.EslFrame;
import org.stationd.esl.codec.EslFrameDecoder;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.event.EslEvents;

/** The replay harness itself: Job-UUID matching and framing-preserving rewrites. */
class ScriptedPeerTest {
    @Test
    void recognisesTheJobUuidOurClientAdds() {
        String recorded = "bgapi status\n\n";
        assertEquals("abc-1", ScriptedPeer.jobUuidAdded(recorded, "bgapi status\nJob-UUID: abc-1\n\n"));
        assertNull(ScriptedPeer.jobUuidAdded(recorded, "bgapi version\nJob-UUID: abc-1\n\n"));
        assertNull(ScriptedPeer.jobUuidAdded("api status\n\n", "api status\nJob-UUID: abc-1\n\n"));
    }

    @Test
    void rewriteKeepsOuterAndInnerContentLengthExact() {
        RecordedSession cap = RecordedSession.load("03_station_playback_plain.jsonl");
        RecordedSession.Frame job = cap.frame(8);   // BACKGROUND_JOB of 'bgapi status', with a body
        String recordedId = job.expected().jobUuid();
        String edited = RecordedSession.rewrite(job.raw(), s -> s.replace(recordedId, "short").replace("is ready", "is ready and well"));

        EslFrame frame = new EslFrameDecoder().decodeOne(Unpooled.wrappedBuffer(edited.getBytes(StandardCharsets.UTF_8)));
        EslEvent event = EslEvents.parse(frame);
        assertEquals("short", event.jobUuid());
        assertEquals(CaptureReplayTest.innerBody(job).replace("is ready", "is ready and well"), event.body());
    }
}

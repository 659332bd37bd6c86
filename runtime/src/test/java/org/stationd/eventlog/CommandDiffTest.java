package org.stationd.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A divergence as a volunteer reads it: the differing field named and marked, uuids named alike, the rest left out. */
class CommandDiffTest {
    private static final String CALL = "5b1d2c3e-0000-4000-8000-00000000000a";
    private static final String RECORDED_JOB = "11111111-2222-4333-8444-555555555555";
    private static final String REPLAYED_JOB = "99999999-8888-4777-8666-555555555555";

    @Test
    void anOriginateWithAnotherTimeoutMarksTheVariableAndNamesTheGeneratedUuidsAlike() {
        UuidMap uuids = new UuidMap();
        String recorded = "bgapi originate {origination_uuid=" + RECORDED_JOB + ",station_id=kla,originate_timeout=30,ignore_early_media=true}user/1001 &park()";
        String replayed = "bgapi originate {origination_uuid=" + REPLAYED_JOB + ",station_id=kla,originate_timeout=60,ignore_early_media=true}user/1001 &park()";
        CommandDiff.Shown d = CommandDiff.of(recorded, replayed, uuids);
        assertEquals("originate_timeout", d.field());
        assertTrue(d.expected().contains("originate_timeout=»30«"), d.expected());
        assertTrue(d.actual().contains("originate_timeout=»60«"), d.actual());
        assertEquals(d.expected().replace("»30«", ""), d.actual().replace("»60«", ""), "the uuids made at the same spot are named alike");
        assertTrue(d.expected().startsWith("bgapi originate … "), d.expected());
    }

    @Test
    void aPairedCallKeepsItsNameAndAnExtraWordIsMarkedWhereItIsMissing() {
        UuidMap uuids = new UuidMap();
        assertTrue(uuids.unify("api uuid_break " + CALL + " all", "api uuid_break " + REPLAYED_JOB + " all"));
        CommandDiff.Shown d = CommandDiff.of("api uuid_kill " + CALL, "api uuid_kill " + REPLAYED_JOB + " USER_BUSY", uuids);
        assertEquals("api uuid_kill #1»«", d.expected());
        assertEquals("api uuid_kill #1» USER_BUSY«", d.actual());
    }

    @Test
    void anotherCommandIsMarkedWhole() {
        CommandDiff.Shown d = CommandDiff.of("api conference kla play a.wav", "bgapi status", new UuidMap());
        assertEquals("the command", d.field());
        assertEquals("»api conference kla play a.wav«", d.expected());
    }
}

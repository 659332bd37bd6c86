package org.stationd.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks behind every program value that goes to the switch, and the measures behind the size limits. */
class SwitchValuesTest {
    @Test
    void aValueThatCouldSplitTheOriginateBlockIsRefused() {
        for (String bad : List.of("1,api_on_answer=system touch /tmp/x", "1}user/1&system(id)", "{a=b}", "[a=b]", "<a=b>", "'1'",
                "\"1\"", "a\\,b", "^^:a:b", "1\napi_on_answer=x", "1\r", "1 2", "${system(id)}", "1\u0000")) {
            LimitException e = assertThrows(LimitException.class, () -> SwitchValues.channelValue("callerId", bad), bad);
            assertEquals("switch", e.kind());
            assertTrue(e.getMessage().startsWith("callerId"), e.getMessage());
        }
        for (String good : List.of("+256700000001", "+256-700.000*001#", "Radio_Gulu", "sip:1000@example.org")) {
            assertEquals(good, SwitchValues.channelValue("callerId", good));
        }
    }

    @Test
    void variablesThatMakeTheSwitchRunSomethingOrThatTheHostSetsAreRefused() {
        for (String bad : List.of("api_on_answer", "API_ON_RING", "execute_on_answer", "exec_after_bridge_app", "api_hangup_hook",
                "session_in_hangup_hook", "bridge_pre_execute_bleg_app", "record_post_process_exec_api", "station_id",
                "origination_uuid", "stationd_role", "nolocal:execute_on_answer", "a b", "", "1abc")) {
            assertThrows(LimitException.class, () -> SwitchValues.variableName("variable", bad), bad);
        }
        for (String good : List.of("absolute_codec_string", "ignore_early_media", "origination_caller_id_name", "sip_h_X_Show")) {
            assertEquals(good, SwitchValues.variableName("variable", good));
        }
    }

    @Test
    void dialStringsAreOneDestination() {
        for (String bad : List.of("user/1000 &system(id)", "user/1000,user/1001", "user/1000|user/1001", "user/1000:_:user/1001",
                "{api_on_answer=x}user/1000", "[a=b]user/1000", "${x}", "user/1000\n")) {
            assertThrows(LimitException.class, () -> SwitchValues.dial("number", bad), bad);
        }
        for (String good : List.of("0772000001", "+256772000001", "user/1000", "loopback/tx1/stations", "sofia/internal/1000@10.0.0.1:5060;transport=tcp")) {
            assertEquals(good, SwitchValues.dial("number", good));
        }
    }

    @Test
    void speechIsOneLineWithinItsLimit() {
        assertEquals("hello world, twice", SwitchValues.speech("say", "hello\nworld,\r\ntwice"));
        assertEquals(Limits.SAY_TEXT_BYTES, SwitchValues.speech("say", "x".repeat(Limits.SAY_TEXT_BYTES)).length());
        assertThrows(LimitException.class, () -> SwitchValues.speech("say", "x".repeat(Limits.SAY_TEXT_BYTES + 1)));
        assertThrows(LimitException.class, () -> SwitchValues.speech("say", "é".repeat(Limits.SAY_TEXT_BYTES / 2 + 1)), "counted in UTF-8 bytes");
        assertThrows(LimitException.class, () -> SwitchValues.speech("say", "costs ${price}"));
        assertEquals("costs $5", SwitchValues.speech("say", "costs $5"));
        assertThrows(LimitException.class, () -> SwitchValues.word("prompt", "a b.wav"));
    }

    @Test
    void sizesAreMeasuredOnlyUpToTheCap() {
        assertEquals("{\"a\":[1,\"xy\"]}".length(), DataSize.measure(Map.of("a", List.of(1, "xy")), 1000));
        Map<String, Object> self = new LinkedHashMap<>();
        List<Object> loop = new ArrayList<>();
        loop.add(self);
        self.put("me", loop);
        assertEquals(101, DataSize.measure(self, 100), "a map that holds itself is not walked for ever");
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 1000; i++) big.add("x".repeat(10_000));
        assertTrue(DataSize.exceeds(big, Limits.DATA_BYTES));
        assertEquals(null, DataSize.json(big, Limits.STORED_VALUE_BYTES));
        assertEquals("[1,2]", new String(DataSize.json(List.of(1, 2), 10)));
        assertThrows(IllegalArgumentException.class, () -> DataSize.json(new Object(), 100));
    }

    @Test
    void theLogBudgetDropsPastItsLinesAndCountsThemUntilTheMinuteEnds() {
        LogBudget budget = new LogBudget(3);
        Instant t = Instant.parse("2026-11-22T05:00:00Z");
        assertEquals(LogBudget.Verdict.LOG, budget.admit(t));
        assertEquals(LogBudget.Verdict.LOG, budget.admit(t.plusSeconds(1)));
        assertEquals(LogBudget.Verdict.LOG, budget.admit(t.plusSeconds(2)));
        assertEquals(LogBudget.Verdict.FIRST_DROP, budget.admit(t.plusSeconds(3)));
        assertEquals(LogBudget.Verdict.DROP, budget.admit(t.plusSeconds(4)));
        assertEquals(t.plusSeconds(60), budget.windowEnd());
        assertEquals(LogBudget.Verdict.DROP, budget.admit(t.plusSeconds(61)), "not before the notice");
        assertEquals(3, budget.closeWindow());
        assertEquals(LogBudget.Verdict.LOG, budget.admit(t.plusSeconds(62)));
    }
}

package org.stationd.esl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stationd.esl.command.EslCommand;
import org.stationd.esl.command.EventFormat;

/** What a reconnect sends again, mirroring what mod_event_socket keeps per connection. */
class SubscriptionsTest {
    private static List<String> replay(Subscriptions s) {
        return s.replay().stream().map(EslCommand::line).toList();
    }

    @Test
    void replaysEventThenFiltersThenNixevent() {
        Subscriptions s = new Subscriptions();
        s.nix(List.of("HEARTBEAT"));
        s.filter("Unique-ID", "a");
        s.events(EventFormat.PLAIN, List.of("ALL"));
        s.filter("Event-Name", "DTMF");
        s.linger(true);
        assertEquals(List.of("event plain ALL", "filter Unique-ID a", "filter Event-Name DTMF", "nixevent HEARTBEAT", "linger"), replay(s));
    }

    @Test
    void aNewFormatKeepsTheEventsAlreadySubscribed() {
        Subscriptions s = new Subscriptions();
        s.events(EventFormat.PLAIN, List.of("CHANNEL_ANSWER"));
        s.events(EventFormat.JSON, List.of("CHANNEL_HANGUP"));
        assertEquals(List.of("event json CHANNEL_ANSWER CHANNEL_HANGUP"), replay(s));
    }

    @Test
    void backgroundJobsFollowSubscribeNixAndNoevents() {
        Subscriptions s = new Subscriptions();
        assertFalse(s.receivesBackgroundJobs());
        s.events(EventFormat.JSON, List.of("ALL"));
        assertTrue(s.receivesBackgroundJobs());
        s.nix(List.of("BACKGROUND_JOB"));
        assertFalse(s.receivesBackgroundJobs());
        s.events(EventFormat.JSON, List.of("BACKGROUND_JOB"));
        assertTrue(s.receivesBackgroundJobs());
        s.noevents();
        assertFalse(s.receivesBackgroundJobs());
        assertEquals(EventFormat.PLAIN, s.formatOrPlain());
        s.filter("Unique-ID", "a");
        s.filterDelete("Unique-ID", "a");
        assertEquals(List.of(), replay(s));
    }
}

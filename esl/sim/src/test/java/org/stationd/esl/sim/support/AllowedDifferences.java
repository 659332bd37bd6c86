package org.stationd.esl.sim.support;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ONE list of what may differ between a real FreeSWITCH capture and the simulator replaying
 * the same commands, and why. Everything else the proof tests compare must be equal.
 *
 * <ul>
 *   <li>Identifiers the switch makes up: uuids of B legs and temporary A legs, Job-UUIDs of bgapi
 *       without a client Job-UUID, Application-UUIDs of applications not started with an Event-UUID,
 *       Conference-Unique-ID, Core-UUID. (They are mapped leg to leg, not compared.)</li>
 *   <li>Time: Event-Date-*, every *-Time/_epoch/_uepoch/_stamp, durations (duration, billsec,
 *       *msec, *usec…), uptimes, Task-Runtime. The simulator keeps the captures' intervals, not
 *       their clock readings.</li>
 *   <li>Counters of the running process: Event-Sequence, variable_session_id, Member-ID,
 *       PRESENCE_IN event_count, HEARTBEAT's session statistics and Idle-CPU.</li>
 *   <li>The order of channel variables within an event (compared as a set; FreeSWITCH's own order
 *       depends on which code path set a variable last), and how events of different legs interleave
 *       (compared per leg; FreeSWITCH's threads interleave them differently from run to run).</li>
 *   <li>The text of {@code status} (uptime, session counts), so also the Content-Length of a
 *       BACKGROUND_JOB carrying it; its shape (line by line) is compared.</li>
 *   <li>The port in the socket application's argument: the test's outbound-socket server listens on
 *       a free port, not on 8084.</li>
 *   <li>HEARTBEAT and RE_SCHEDULE (tied to wall-clock phase), PRESENCE_IN (conference presence,
 *       sent in bursts whose order varies) and MODULE_UNLOAD beyond their kinds.</li>
 * </ul>
 */
public final class AllowedDifferences {
    private AllowedDifferences() {}

    /**
     * Under load (capture 10: ten calls at once) FreeSWITCH fires a leg's events from several threads
     * and sometimes skips a state: an A leg's CHANNEL_CALLSTATE may come after CALL_UPDATE or after
     * CHANNEL_PARK, CHANNEL_ANSWER before CHANNEL_ORIGINATE, a B leg's CHANNEL_UNPARK before its
     * CHANNEL_HANGUP, and 2 of 200 A legs missed CS_ROUTING/CS_CONSUME_MEDIA. For that capture each
     * leg's events are matched by kind rather than by position, and these states may be missing.
     */
    public static final String UNDER_LOAD = "events of one leg matched by kind; CS_ROUTING/CS_CONSUME_MEDIA may be skipped";

    public static final Set<String> UNDER_LOAD_SKIPPABLE = Set.of("CS_ROUTING", "CS_CONSUME_MEDIA");

    /**
     * What an event says about its channel's state at the moment it was fired; for an event
     * FreeSWITCH sent out of its usual place under load, these (and the set of variables) are not compared.
     */
    public static boolean stateDependent(String header) {
        return header.startsWith("Channel-State") || header.startsWith("Channel-Call-State") || header.equals("Answer-State")
                || header.equals("Channel-HIT-Dialplan") || header.startsWith("Caller-Caller-ID") || header.startsWith("Caller-Callee-ID")
                || header.equals("Original-Channel-Call-State") || header.equals("Hangup-Cause");
    }

    /** Headers whose values are never compared. */
    public static final Set<String> VALUE_EXEMPT = Set.of(
            "Core-UUID", "Event-Date-Local", "Event-Date-GMT", "Event-Date-Timestamp", "Event-Sequence",
            "Unique-ID", "Channel-Call-UUID", "Caller-Unique-ID", "Old-Unique-ID", "Job-UUID", "Application-UUID",
            "Conference-Unique-ID", "Member-ID", "Channel-Unique-ID", "Old-ID", "New-ID", "Bridge-A-Unique-ID", "Bridge-B-Unique-ID",
            "Up-Time", "Uptime-msec", "Session-Count", "Session-Per-Sec-Last", "Session-Per-Sec-Max", "Session-Per-Sec-FiveMin",
            "Session-Since-Startup", "Session-Peak-Max", "Session-Peak-FiveMin", "Idle-CPU", "Task-Runtime",
            "event_count", "Controlled-Session-UUID", "Event-UUID", "API-Command-Argument", "Job-Command-Arg",
            "Channel-Name", "Caller-Channel-Name", "Channel-Channel-Name");

    private static final Pattern TIME_HEADER = Pattern.compile(".*(-Time|_epoch|_uepoch|_stamp|Hold-Accum)$");
    private static final Pattern TIME_VARIABLE = Pattern.compile("variable_(duration|billsec|progresssec|answersec|waitsec|progress_mediasec"
            + "|flow_billsec|mduration|billmsec|progressmsec|answermsec|waitmsec|progress_mediamsec|flow_billmsec|uduration|billusec"
            + "|progressusec|answerusec|waitusec|progress_mediausec|flow_billusec|hold_accum_.*|session_id|uuid|call_uuid|origination_uuid"
            + "|other_loopback_leg_uuid|app_session_uuid|conference_uuid|conference_member_id)");

    /** Events whose presence and order are not compared. */
    public static final Set<String> EVENTS_EXEMPT = Set.of("HEARTBEAT", "RE_SCHEDULE", "PRESENCE_IN", "MODULE_UNLOAD");

    public static boolean valueExempt(String header) {
        return VALUE_EXEMPT.contains(header) || TIME_HEADER.matcher(header).matches() || TIME_VARIABLE.matcher(header).matches();
    }

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final Pattern MEMBER_LINE = Pattern.compile("(?m)^\\d+;");
    private static final Pattern KICKED = Pattern.compile("(?m)^\\+OK (kicked|hup|mute|unmute|deaf|undeaf) \\d+$");

    private static final Pattern SOCKET_PORT = Pattern.compile("(\\d+\\.\\d+\\.\\d+\\.\\d+):\\d+( async| full|$)");

    /** A header value as compared: the outbound-socket port blanked out. */
    public static String normalizeValue(String value) {
        return SOCKET_PORT.matcher(value).replaceAll("$1:<port>$2");
    }

    /** Reply texts and api bodies compared with uuids and conference member ids blanked out. */
    public static String normalize(String text) {
        String t = UUID.matcher(text).replaceAll("<uuid>");
        t = MEMBER_LINE.matcher(t).replaceAll("<id>;");
        return KICKED.matcher(t).replaceAll("+OK $1 <id>");
    }
}

package org.stationd.esl.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * THE one list of what may differ between the real FreeSWITCH and the simulator in the differential
 * test, each with why. Everything else that {@link LegSequence} keeps must be equal, leg by leg:
 * <ul>
 *   <li>{@link #IGNORED_EVENTS}: events not compared at all;</li>
 *   <li>{@link #normalize}: identifiers each switch makes up (uuids, written as the leg's role when it
 *       has one; conference member ids) and the folders each keeps files in;</li>
 *   <li>{@link #HANGUP_RACE}: where a leg hung up by its partner ends what it ran;</li>
 *   <li>{@link #CUT_PLAYBACK_RACE}: what a playback cut off by its leg's hang-up answers;</li>
 *   <li>{@link #COLLECT_HANGUP_RACE}: how many prompts a hung-up play_and_get_digits runs through;</li>
 *   <li>{@link #FLOOR_RACE}: whether a departed holder's floor passes to a member who is leaving too;</li>
 *   <li>{@link #ORIGINATE_RACE}: where an A leg's CHANNEL_ORIGINATE lands under load;</li>
 *   <li>{@link #legOf}: the order of background jobs of different calls, and which of two members
 *       joining at once gets the floor.</li>
 * </ul>
 * Only the {@link #KEY_HEADERS} of an event are compared; legs are paired by role, never by uuid.
 */
final class SimulatorDifferences {
    private SimulatorDifferences() {}

    /** Events left out of the per-leg sequences on both switches. */
    record IgnoredEvent(Predicate<String> event, String why) {}

    static final List<IgnoredEvent> IGNORED_EVENTS = List.of(
            new IgnoredEvent(Set.of("CHANNEL_STATE", "CHANNEL_CALLSTATE", "CODEC", "CALL_UPDATE")::contains,
                    "state bookkeeping fired from several threads in a racy order; CaptureProofTest compares it against the captures"),
            new IgnoredEvent(Set.of("HEARTBEAT", "RE_SCHEDULE")::contains, "fired on the wall clock every 20 s, whatever the calls do"),
            new IgnoredEvent("PRESENCE_IN"::equals, "presence bursts whose order varies run to run; no program reads them"),
            new IgnoredEvent("API"::equals, "one per api command on both switches, tied to no leg; the replies themselves are compared"),
            new IgnoredEvent(n -> n.startsWith("MODULE_") || n.equals("RELOADXML") || n.equals("SHUTDOWN"),
                    "module life of the switch process, not of a call"));

    /** Key headers compared on every kept event. */
    static final List<String> KEY_HEADERS = List.of("Answer-State", "Call-Direction", "Application", "Application-Data",
            "Application-Response", "Hangup-Cause", "DTMF-Digit", "Playback-Status", "Action", "File");

    /**
     * A leg hung up by its loopback partner (or bridge peer) races its own hang-up: the media read
     * fails in the session thread while the hang-up is fired from the other one, so what it ran may
     * end (PLAYBACK_STOP, CHANNEL_UNPARK, CHANNEL_EXECUTE_COMPLETE, RECORD_STOP, del-member) just
     * before its CHANNEL_HANGUP, still answered or already marked hangup (the state is set before the
     * event is fired), or just after it (seen all three ways on the real switch).
     * Both switches' sequences are written the second way.
     */
    static final String HANGUP_RACE = "an application ending just before the leg's own CHANNEL_HANGUP is written as just after it";

    private static final Set<String> ENDINGS = Set.of("PLAYBACK_STOP", "CHANNEL_UNPARK", "CHANNEL_EXECUTE_COMPLETE", "RECORD_STOP");

    /**
     * An A leg's CHANNEL_CREATE, CHANNEL_ORIGINATE and CHANNEL_ANSWER are fired from different
     * threads (the originating one, the leg's own, the loopback partner's): under load they arrive
     * in any order (seen on the real switch: ANSWER before CREATE, ORIGINATE after ANSWER; capture
     * 10 too), and CREATE and ORIGINATE say ringing or answered depending on when they were written
     * (CREATE answered seen in a clean-checkout run). Both switches' sequences have CREATE then
     * ORIGINATE (both ringing) first, then the leg's own progress and answer in the order they came.
     */
    static final String ORIGINATE_RACE = "an A leg's CREATE and ORIGINATE (ringing) written before its progress and answer";
    /**
     * When the floor holder leaves while another member stays, the real switch's conference thread
     * may hand the floor to that member in its next pass (seen in a talk-show session: to a member
     * already hanging up, then back to none as it left) or not at all (capture 04 and most runs),
     * depending on which hang-up its thread sees first. A floor given to a member that is hanging up
     * is left out, and repeated floor changes to nobody are written once.
     */
    static final String FLOOR_RACE = "a floor handed to a member already hanging up is left out; repeated floor changes to nobody count once";

    private static List<LegSequence.Line> withoutFloorRace(List<LegSequence.Line> lines) {
        List<LegSequence.Line> out = new ArrayList<>();
        for (LegSequence.Line l : lines) {
            boolean floor = l.is("CUSTOM conference::maintenance") && "floor-change".equals(l.headers().get("Action"));
            if (floor && "hangup".equals(l.headers().get("Answer-State"))) {
                continue;
            }
            if (floor && !l.headers().containsKey("Answer-State") && !out.isEmpty() && out.getLast().equals(l)) {
                continue;
            }
            out.add(l);
        }
        return out;
    }

    /**
     * A playback cut off by its leg's hang-up usually ends PLAYBACK ERROR on the real switch, but now
     * and then FILE PLAYED (seen on the bundled switch, a clean-checkout run): both are written as
     * PLAYBACK ERROR.
     */
    static final String CUT_PLAYBACK_RACE = "a playback ended by its leg's hang-up is PLAYBACK ERROR, whichever the switch said";

    private static List<LegSequence.Line> cutPlaybacks(List<LegSequence.Line> lines) {
        List<LegSequence.Line> out = new ArrayList<>();
        for (LegSequence.Line l : lines) {
            Map<String, String> h = l.headers();
            if (l.is("CHANNEL_EXECUTE_COMPLETE") && "playback".equals(h.get("Application")) && "hangup".equals(h.get("Answer-State"))
                    && "FILE PLAYED".equals(h.get("Application-Response"))) {
                Map<String, String> hd = new LinkedHashMap<>(h);
                hd.put("Application-Response", "PLAYBACK ERROR");
                l = new LegSequence.Line(l.name(), hd);
            }
            out.add(l);
        }
        return out;
    }

    /**
     * A play_and_get_digits whose leg its partner hangs up mid-prompt may, on the real switch, run
     * through its remaining tries before it sees the hang-up, each prompt starting and stopping at
     * once while the leg still reads answered (seen on the bundled switch: the voice board's second
     * question played six times in a blink, then the hang-up), or stop at the first (most runs, and
     * the simulator). In a collect that the leg's hang-up ends, the prompts after the first are left
     * out, and its PRIVATE_COMMAND (the unlock after it) is written after the hang-up, as the leg's other endings are.
     */
    static final String COLLECT_HANGUP_RACE = "the prompts a hung-up play_and_get_digits runs through after its first are left out";

    private static List<LegSequence.Line> collectRetries(List<LegSequence.Line> lines) {
        int hangup = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).is("CHANNEL_HANGUP")) {
                hangup = i;
                break;
            }
        }
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            LegSequence.Line l = lines.get(i);
            if (l.is("CHANNEL_EXECUTE") && "play_and_get_digits".equals(l.headers().get("Application"))) {
                start = i;
            }
        }
        if (start < 0) {
            return lines;
        }
        int complete = -1;
        for (int i = start + 1; i < lines.size(); i++) {
            if (lines.get(i).is("CHANNEL_EXECUTE_COMPLETE") && "play_and_get_digits".equals(lines.get(i).headers().get("Application"))) {
                complete = i;
                break;
            }
        }
        // only the last collect of a leg that hangs up while (or right after) it runs
        boolean endedByHangup = hangup > start && (complete < 0 || hangup > complete
                && lines.subList(complete + 1, hangup).stream().allMatch(l -> l.is("PRIVATE_COMMAND")));
        boolean hungUpDuring = hangup > start && complete > hangup;
        if (!endedByHangup && !hungUpDuring) {
            return lines;
        }
        List<LegSequence.Line> out = new ArrayList<>(lines.subList(0, start + 1));
        boolean firstPromptDone = false;
        int end = complete < 0 ? lines.size() : complete;
        for (int i = start + 1; i < end; i++) {
            LegSequence.Line l = lines.get(i);
            if (firstPromptDone && (l.is("PLAYBACK_START") || l.is("PLAYBACK_STOP"))) {
                continue;
            }
            if (l.is("PLAYBACK_STOP")) {
                firstPromptDone = true;
            }
            out.add(l);
        }
        if (endedByHangup && complete >= 0) {
            // its unlock (PRIVATE_COMMAND) goes with it, after the hang-up, as the simulator sends it
            out.add(lines.get(complete));
            LegSequence.Line cut = lines.get(hangup);
            out.add(cut);
            for (LegSequence.Line l : lines.subList(complete + 1, hangup)) {
                Map<String, String> hd = new LinkedHashMap<>(l.headers());
                hd.put("Answer-State", "hangup");
                if (cut.headers().containsKey("Hangup-Cause")) hd.put("Hangup-Cause", cut.headers().get("Hangup-Cause"));
                out.add(new LegSequence.Line(l.name(), hd));
            }
            out.addAll(lines.subList(hangup + 1, lines.size()));
        } else {
            out.addAll(lines.subList(end, lines.size()));
        }
        return out;
    }

    static List<LegSequence.Line> canonical(List<LegSequence.Line> lines) {
        List<LegSequence.Line> out = originateAfterCreate(withoutFloorRace(cutPlaybacks(collectRetries(lines))));
        int h = -1;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).is("CHANNEL_HANGUP")) {
                h = i;
                break;
            }
        }
        if (h < 0) {
            return out;
        }
        LegSequence.Line hangup = out.get(h);
        int first = h;
        while (first > 0 && ending(out.get(first - 1)) && Set.of("answered", "hangup").contains(out.get(first - 1).headers().get("Answer-State"))) {
            first--;
        }
        List<LegSequence.Line> moved = new ArrayList<>();
        for (LegSequence.Line l : out.subList(first, h)) {
            Map<String, String> hd = new LinkedHashMap<>();
            for (String k : KEY_HEADERS) {
                String v = k.equals("Answer-State") ? "hangup" : k.equals("Hangup-Cause") ? hangup.headers().get(k) : l.headers().get(k);
                if (v != null) {
                    hd.put(k, v);
                }
            }
            moved.add(new LegSequence.Line(l.name(), hd));
        }
        out.subList(first, h).clear();
        out.addAll(first + 1, moved);
        return cutPlaybacks(out);   // a playback that ended just before the hang-up, still answered, is a cut one too
    }

    private static final List<String> FIRST = List.of("CHANNEL_UUID", "CHANNEL_OUTGOING", "CHANNEL_CREATE", "CHANNEL_ORIGINATE");
    private static final Set<String> LEADING = Set.of("CHANNEL_UUID", "CHANNEL_OUTGOING", "CHANNEL_CREATE", "CHANNEL_ORIGINATE",
            "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA", "CHANNEL_ANSWER");

    /** The leading run of an originated A leg, stably sorted: UUID, OUTGOING, CREATE, ORIGINATE (ringing), then the rest as they came. */
    private static List<LegSequence.Line> originateAfterCreate(List<LegSequence.Line> lines) {
        List<LegSequence.Line> out = new ArrayList<>(lines);
        int end = 0;
        while (end < out.size() && LEADING.contains(out.get(end).name())) {
            end++;
        }
        List<LegSequence.Line> lead = out.subList(0, end);
        if (lead.stream().noneMatch(l -> l.is("CHANNEL_ORIGINATE"))) {
            return out;   // not an originated A leg
        }
        List<LegSequence.Line> sorted = new ArrayList<>(lead);
        sorted.sort(java.util.Comparator.comparingInt(l -> FIRST.contains(l.name()) ? FIRST.indexOf(l.name()) : FIRST.size()));
        for (int i = 0; i < sorted.size(); i++) {
            LegSequence.Line l = sorted.get(i);
            if (FIRST.contains(l.name()) && l.headers().containsKey("Answer-State")) {
                Map<String, String> hd = new LinkedHashMap<>(l.headers());
                hd.put("Answer-State", "ringing");
                sorted.set(i, new LegSequence.Line(l.name(), hd));
            }
        }
        for (int i = 0; i < sorted.size(); i++) {
            lead.set(i, sorted.get(i));
        }
        return out;
    }

    private static boolean ending(LegSequence.Line l) {
        return ENDINGS.contains(l.name()) || "del-member".equals(l.headers().get("Action"));
    }

    /**
     * The leg a line is compared under: its role's, but for two races between calls.
     * <ul>
     *   <li>Background jobs started at once for different calls (two stations dialling their
     *       transmitters on their own threads) finish in either order (seen both ways): a job whose
     *       reply names a call ({@code +OK <tx2.a>}) is filed under {@code jobs <call>}, so jobs are
     *       compared in order per call, not across calls; others stay under {@code switch}.</li>
     *   <li>The conference gives the floor to the first member to join (both switches do): when two
     *       stations' transmitters join at once, which one that is is a race between the stations
     *       (seen: tx1 on FreeSWITCH, tx2 on the simulator, same session). A member's floor-change is
     *       filed under {@code conference floor}, in the order the switch sent them.</li>
     * </ul>
     */
    static String legOf(String role, LegSequence.Line line) {
        if (role.equals("switch") && line.is("BACKGROUND_JOB")) {
            Matcher m = JOB_CALL.matcher(line.headers().getOrDefault("", ""));
            return m.find() ? "jobs " + m.group(1) : "switch";
        }
        if (!role.equals("conference") && line.is("CUSTOM conference::maintenance") && "floor-change".equals(line.headers().get("Action"))) {
            return "conference floor";
        }
        return role;
    }

    private static final Pattern JOB_CALL = Pattern.compile("<([^<>\\s]+)\\.a>");

    /** Conference member ids count up over each switch's life, so the same member has another id on each. */
    private static final Pattern MEMBER_ID = Pattern.compile("(kicked|kick|hup) \\d+");
    /** Where each switch keeps its prompts: its own folder for the real one, /usr/local/freeswitch/… for the simulator. */
    private static final Pattern SOUND_PREFIX = Pattern.compile("\\S*/sounds/en/us/callie/");
    /** Uuids neither the scenario nor a leg's role names (Application-UUIDs, Job-UUIDs): made up by each switch. */
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A header value or reply as compared, once the legs' uuids are written as their roles and the test's media folder as {@code <media>}. */
    static String normalize(String text) {
        String t = MEMBER_ID.matcher(text).replaceAll("$1 <member>");
        t = SOUND_PREFIX.matcher(t).replaceAll("<sound_prefix>/");
        return UUID.matcher(t).replaceAll("<uuid>");
    }

    static boolean ignored(String eventName) {
        return IGNORED_EVENTS.stream().anyMatch(i -> i.event().test(eventName));
    }
}

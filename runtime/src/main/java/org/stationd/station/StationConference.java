package org.stationd.station;

import org.stationd.limits.LimitException;
import org.stationd.limits.SwitchValues;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.stationd.api.Call;
import org.stationd.api.Conference;
import org.stationd.call.CallLeg;

/**
 * A conference as a station sees it. Per-station names get the station id in front on the switch
 * ({@code kampala-studio}); names starting with {@code shared:} are the same room for every
 * station ({@code shared-news}), which is how one report reaches many transmitters.
 */
final class StationConference implements Conference {
    private final String name;
    private final String switchName;
    private final StationContext station;
    /** Member ids by call uuid, from add-member events: conference commands address members by id. */
    private final Map<String, String> memberIds = new ConcurrentHashMap<>();
    /** Station thread. */
    private final ConferencePlaybacks playbacks = new ConferencePlaybacks();

    StationConference(String name, String switchName, StationContext station) {
        this.name = name;
        this.switchName = switchName;
        this.station = station;
    }

    static String switchName(String stationId, String name) {
        String clean = name.startsWith("shared:") ? "shared-" + name.substring("shared:".length()) : stationId + "-" + name;
        if (!clean.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("conference name '" + name + "' may use letters, digits, '-', '_' and '.' only");
        }
        return clean;
    }

    @Override public String getName() { return name; }
    String switchName() { return switchName; }

    void memberJoined(String uuid, String memberId) {
        if (memberId != null) memberIds.put(uuid, memberId);
    }

    void memberLeft(String uuid) {
        memberIds.remove(uuid);
    }

    @Override
    public void play(String file) {
        play(file, 0);
    }

    /**
     * A file the switch refuses is reported as a playback that ended {@code failed} (with the switch's
     * reason), never as one that finished, so a show can tell "not played" from "played to the end".
     * FreeSWITCH's conference refuses {@code file@@samples}: a file that starts part-way is played,
     * then moved with {@code file_seek <ms>} once it is the head of the room's files
     * ({@link ConferencePlaybacks}).
     */
    @Override
    public void play(String file, double fromSeconds) {
        String path = station.media(checked(() -> SwitchValues.word("conference play: the file", file)));   // the api splits its arguments at spaces
        ConferencePlaybacks.Playback p = playbacks.ask(path, file, fromSeconds);
        send(p, "play", p.onSwitch);
    }

    /** FreeSWITCH's conference plays {@code say:<text>} through its text-to-speech engine. */
    @Override
    public void say(String text) {
        String clean = checked(() -> SwitchValues.speech("conference say: the text", text)).trim();
        send(playbacks.ask("say:" + clean, "say:" + clean, 0), "say", clean);
    }

    /** {@code conference <room> <verb> <arg>} for playback {@code p}; what the switch answers, on the station's thread. */
    private void send(ConferencePlaybacks.Playback p, String verb, String arg) {
        station.api("conference " + switchName + " " + verb + " " + arg).whenComplete((r, e) -> station.onStation(() -> {
            if (e != null && linkLost(e)) {
                // the switch went away with the command in flight: not the file's fault; its calls come back as hang-ups
                playbacks.forget(p);
                station.log("warn", "not played: the switch went away before it answered '" + verb + " " + p.file + "'");
            } else if (e != null || r.isError()) {
                refused(p, e != null ? e.getMessage() : r.text());
            } else if (p.fromMillis > 0) {
                p.seekDue = true;   // moved once it is the head of the room's files
                seekIfDue();
            }
        }));
    }

    private static boolean linkLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.stationd.esl.session.EslConnectionClosedException) return true;
        }
        return false;
    }

    /** Moves this station's file that starts part-way, once it is the head of the room's files. Station thread. */
    private void seekIfDue() {
        ConferencePlaybacks.Playback p = playbacks.dueSeek();
        if (p == null) return;
        double seconds = p.fromMillis / 1000.0;
        station.api("conference " + switchName + " file_seek " + p.fromMillis).whenComplete((r, e) -> {
            // nothing playing any more (it ended or was stopped meanwhile) answers -ERR no reply
            if (e != null || r.isError()) {
                String why = e != null ? e.getMessage() : r.text();
                station.onStation(() -> station.log("warn", "could not move " + p.file + " to " + seconds + " s (" + why + ")"));
            }
        });
    }

    private void refused(ConferencePlaybacks.Playback p, String why) {
        playbacks.forget(p);   // announced before the switch found it could not open it
        station.log("warn", "the switch refused to play " + p.file + " into " + name + ": " + why);
        station.deliver(org.stationd.api.Event.of(org.stationd.api.EventKind.CONFERENCE_PLAYBACK_DONE)
                .conference(this).file(p.file).status("failed").cause(why).build());
    }

    /**
     * A play-file-done from the switch: the script's name of the file if it was one this station
     * asked for (with whether this station stopped it), else null (an enter tone, another station's
     * file). Station thread.
     */
    String[] finished(String switchFile) {
        ConferencePlaybacks.Playback p = playbacks.finished(switchFile);
        seekIfDue();
        return p == null ? null : new String[] {p.file, p.stopped ? "stopped" : "done"};
    }

    /** A play-file from the switch: a playback began. Station thread. */
    void began(String switchFile) {
        playbacks.began(switchFile);
        seekIfDue();
    }

    /** Stops every file in the room (FreeSWITCH's bare {@code stop} is {@code stop all}). */
    @Override
    public void stop() {
        playbacks.stopping();
        station.api("conference " + switchName + " stop").whenComplete((r, e) -> station.onStation(() -> {
            java.util.regex.Matcher m = e == null ? STOPPED.matcher(r.text()) : null;
            playbacks.stopAnswered(m != null && !r.isError() && m.find() ? Integer.parseInt(m.group(1)) : -1);
            if (e != null || r.isError()) station.failed("conference stop", e != null ? e.getMessage() : r.text());
            seekIfDue();
        }));
    }

    private static final java.util.regex.Pattern STOPPED = java.util.regex.Pattern.compile("Stopped (\\d+) file");

    @Override
    public void mute(Call member) {
        station.api("conference " + switchName + " mute " + member(member), "conference mute");
    }

    @Override
    public void unmute(Call member) {
        station.api("conference " + switchName + " unmute " + member(member), "conference unmute");
    }

    @Override
    public void kick(Call member) {
        station.api("conference " + switchName + " kick " + member(member), "conference kick");
    }

    @Override
    public List<Call> getMembers() {
        return station.calls().stream()
                .filter(c -> switchName.equals(c.conferenceName()) && !c.isEnded())
                .map(c -> (Call) c)
                .toList();
    }

    @Override
    public void record(String file) {
        station.api("conference " + switchName + " recording start " + station.recordingPath(file), "conference record");
    }

    @Override
    public void stopRecording() {
        station.api("conference " + switchName + " recording stop all", "conference stopRecording");
    }

    private String member(Call call) {
        String id = memberIds.get(call.getId());
        if (id == null) {
            throw new IllegalStateException(call + " is not in conference '" + name + "'");
        }
        return id;
    }

    boolean owns(CallLeg leg) {
        return memberIds.containsKey(leg.getId());
    }

    /** A program's value for a conference command, refused (and counted) when it could not go to the switch as it is. */
    private String checked(java.util.function.Supplier<String> check) {
        try {
            return check.get();
        } catch (LimitException e) {
            throw station.refused(e);
        }
    }
}

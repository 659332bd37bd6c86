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
    /** Files this station asked the conference to play, in order: the switch also plays enter and exit tones, which are not the show's. */
    private final java.util.Deque<String[]> playing = new java.util.concurrent.ConcurrentLinkedDeque<>();
    /**
     * The conference's own playbacks as its play-file events announced them, oldest first, each with
     * this station's entry if it was this station's: the conference plays them in turn, so a
     * play-file-done ends the oldest of that file. In a shared room another station's report can
     * end (a stopped master) just after this station asked for the same file: that done is not ours.
     */
    private final java.util.Deque<Started> started = new java.util.ArrayDeque<>();

    private record Started(String file, String[] mine) {}
    private volatile boolean stopping;
    /**
     * What this station had asked for when it last stopped the room: those may end stopped before
     * the switch began them (a play-file-done with no play-file). Anything asked for later ends only
     * after its own play-file: a new relay master stops the room and plays the same report, and the
     * old report's end, which it never saw begin, is not its own. Station thread.
     */
    private java.util.Set<String[]> askedBeforeStop = java.util.Set.of();

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
     * then moved with {@code file_seek <ms>} (the conference has read one frame of it by then).
     */
    @Override
    public void play(String file, double fromSeconds) {
        String path = station.media(checked(() -> SwitchValues.word("conference play: the file", file)));   // the api splits its arguments at spaces
        String[] entry = {path, file};
        playing.addLast(entry);
        stopping = false;
        station.api("conference " + switchName + " play " + path).whenComplete((r, e) -> {
            if (e != null && linkLost(e)) {
                // the switch went away with the command in flight: not the file's fault; its calls come back as hang-ups
                playing.remove(entry);
                station.onStation(() -> {
                    started.removeIf(st -> st.mine() == entry);
                    station.log("warn", "not played: the switch went away before it answered 'play " + file + "'");
                });
            } else if (e != null || r.isError()) {
                refused(entry, e != null ? e.getMessage() : r.text());
            } else if (fromSeconds > 0) {
                seek(file, fromSeconds);
            }
        });
    }

    private static boolean linkLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.stationd.esl.session.EslConnectionClosedException) return true;
        }
        return false;
    }

    private void seek(String file, double seconds) {
        long ms = Math.round(seconds * 1000);
        station.api("conference " + switchName + " file_seek " + ms).whenComplete((r, e) -> {
            // nothing playing any more (it ended or was stopped meanwhile) answers -ERR no reply
            if (e != null || r.isError()) {
                String why = e != null ? e.getMessage() : r.text();
                station.onStation(() -> station.log("warn", "could not move " + file + " to " + seconds + " s (" + why + ")"));
            }
        });
    }

    private void refused(String[] entry, String why) {
        playing.remove(entry);
        station.onStation(() -> {
            started.removeIf(st -> st.mine() == entry);   // announced before the switch found it could not open it
            station.log("warn", "the switch refused to play " + entry[1] + " into " + name + ": " + why);
            station.deliver(org.stationd.api.Event.of(org.stationd.api.EventKind.CONFERENCE_PLAYBACK_DONE)
                    .conference(this).file(entry[1]).status("failed").cause(why).build());
        });
    }

    /** FreeSWITCH's conference plays {@code say:<text>} through its text-to-speech engine. */
    @Override
    public void say(String text) {
        String clean = checked(() -> SwitchValues.speech("conference say: the text", text)).trim();
        String[] entry = {"say:" + clean, "say:" + clean};
        playing.addLast(entry);
        stopping = false;
        station.api("conference " + switchName + " say " + clean).whenComplete((r, e) -> {
            if (e != null || r.isError()) {
                refused(entry, e != null ? e.getMessage() : r.text());
            }
        });
    }

    /**
     * A play-file-done from the switch: the script's name of the file if it was one this station
     * asked for (with whether it was stopped), else null (an enter tone, another station's file).
     */
    String[] finished(String switchFile) {
        for (java.util.Iterator<Started> it = started.iterator(); it.hasNext(); ) {
            Started st = it.next();
            if (st.file().equals(switchFile)) {
                it.remove();
                return st.mine() == null ? null : new String[] {st.mine()[1], stopping ? "stopped" : "done"};
            }
        }
        for (String[] e : playing) {
            if (e[0].equals(switchFile) && askedBeforeStop.contains(e)) {
                playing.remove(e);
                return new String[] {e[1], "stopped"};
            }
        }
        return null;
    }

    /** A play-file from the switch: a playback began, this station's if it asked for that file and has not seen it begin. Station thread. */
    void began(String switchFile) {
        String[] mine = null;
        for (String[] e : playing) {
            if (e[0].equals(switchFile)) {
                playing.remove(e);
                mine = e;
                break;
            }
        }
        started.addLast(new Started(switchFile, mine));
    }

    @Override
    public void stop() {
        stopping = true;
        askedBeforeStop = new java.util.HashSet<>(playing);   // arrays: by identity
        station.api("conference " + switchName + " stop", "conference stop");
    }

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

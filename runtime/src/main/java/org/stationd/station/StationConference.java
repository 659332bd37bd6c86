package org.stationd.station;

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
        station.api("conference " + switchName + " play " + station.media(file), "conference play " + file);
    }

    @Override
    public void stop() {
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
}

package org.stationd.esl.sim.channel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The live channels by uuid, in creation order, plus the session counters HEARTBEAT and status report. */
public final class Channels {
    private final Map<String, Channel> byUuid = new LinkedHashMap<>();
    private long sinceStartup;
    private int peak;
    private int peakFiveMin;

    public void add(Channel ch) {
        byUuid.put(ch.uuid(), ch);
        sinceStartup++;
        peak = Math.max(peak, byUuid.size());
        peakFiveMin = Math.max(peakFiveMin, byUuid.size());
    }

    void rekey(Channel ch, String oldUuid, String newUuid) {
        if (byUuid.get(oldUuid) == ch) {
            // keep creation order: rebuild the map with the new key in place
            Map<String, Channel> copy = new LinkedHashMap<>();
            for (Map.Entry<String, Channel> e : byUuid.entrySet()) {
                copy.put(e.getKey().equals(oldUuid) ? newUuid : e.getKey(), e.getValue());
            }
            byUuid.clear();
            byUuid.putAll(copy);
        }
    }

    void remove(Channel ch) {
        byUuid.remove(ch.uuid(), ch);
    }

    public Channel get(String uuid) {
        return uuid == null ? null : byUuid.get(uuid.trim());
    }

    /** Live channels (including those hanging up) in creation order. */
    public List<Channel> all() {
        return new ArrayList<>(byUuid.values());
    }

    public Collection<Channel> view() {
        return byUuid.values();
    }

    public int count() {
        return byUuid.size();
    }

    public long sinceStartup() {
        return sinceStartup;
    }

    public int peak() {
        return peak;
    }

    public int peakFiveMin() {
        return peakFiveMin;
    }

    public void clear() {
        byUuid.clear();
    }
}

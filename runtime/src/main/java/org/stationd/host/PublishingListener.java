package org.stationd.host;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stationd.api.ProgramError;
import org.stationd.station.Aired;
import org.stationd.station.MessageBus;
import org.stationd.station.StationListener;
import org.stationd.station.StationTap;

/**
 * Publishes station changes on the bus ({@code station/<id>/state|call|error|program|log|key}) for
 * consoles and other hosts, and what a station puts on air ({@code station/<id>/aired}: files it
 * plays, text it speaks; when it listens for keys or records) for the test phone ({@code ./stationd call}).
 */
final class PublishingListener implements StationListener, StationTap {
    private final MessageBus bus;
    private final PerEventOutput events;

    PublishingListener(MessageBus bus, PerEventOutput events) {
        this.bus = bus;
        this.events = events;
    }

    @Override
    public void programLoaded(String station, String program, String version) {
        bus.publish("station/" + station + "/program", Map.of("program", program, "version", version));
    }

    @Override
    public void stateChanged(String station, String program, String from, String to) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("program", program);
        m.put("from", from);
        m.put("to", to);
        bus.publish("station/" + station + "/state", m);
    }

    @Override
    public void callEvent(String station, String callId, String what) {
        if (!events.wanted()) return;   // per event: only on request, or for a console page watching
        bus.publish("station/" + station + "/call", Map.of("call", callId, "event", what));
    }

    @Override
    public void programError(String station, String program, ProgramError error) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("program", String.valueOf(program));
        m.put("state", error.state());
        m.put("handler", error.handler());
        m.put("message", error.message());
        m.put("location", error.location());
        bus.publish("station/" + station + "/error", m);
    }

    @Override
    public void log(String station, String program, String state, String level, String message) {
        if ("debug".equals(level)) return;   // as the console: a program's debug lines would flood the feed
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("program", String.valueOf(program));
        m.put("state", String.valueOf(state));
        m.put("level", level);
        m.put("message", message);
        bus.publish("station/" + station + "/log", m);
    }

    /**
     * A command that airs something (the file or the words, with the call it went to; none for a
     * conference), or the switch starting to listen to a call (keys, a recording).
     */
    @Override
    public void record(String station, String programVersion, String state, String dir, String kind, Map<String, Object> fields) {
        if ("in".equals(dir) && "esl".equals(kind) && "DTMF".equals(fields.get("name")) && fields.get("headers") instanceof Map<?, ?> h
                && h.get("DTMF-Digit") != null) {
            // a key a caller pressed: the console's timeline shows it
            bus.publish("station/" + station + "/key", Map.of("key", String.valueOf(h.get("DTMF-Digit")), "call", String.valueOf(h.get("Unique-ID"))));
            return;
        }
        String what = null;
        if ("out".equals(dir)) {
            what = Aired.describe(kind, fields);
        } else if ("esl".equals(kind) && "CHANNEL_EXECUTE".equals(fields.get("name")) && fields.get("headers") instanceof Map<?, ?> h) {
            what = Aired.started(h);
            if (what != null && h.get("Unique-ID") != null) fields = Map.of("uuid", h.get("Unique-ID"));
        }
        if (what == null) return;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", what);
        if (fields.get("uuid") != null) m.put("call", String.valueOf(fields.get("uuid")));
        bus.publish("station/" + station + "/aired", m);
    }
}

package org.stationd.host;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stationd.api.ProgramError;
import org.stationd.station.MessageBus;
import org.stationd.station.StationListener;

/** Publishes station changes on the bus ({@code station/<id>/state|call|error|program}) for consoles and other hosts. */
final class PublishingListener implements StationListener {
    private final MessageBus bus;

    PublishingListener(MessageBus bus) {
        this.bus = bus;
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
}

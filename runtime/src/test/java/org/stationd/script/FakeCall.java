package org.stationd.script;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stationd.api.Call;
import org.stationd.api.Conference;

/** A call that records what the program does to it. */
final class FakeCall implements Call {
    private final ActionLog log;
    private final String id, from, to, direction, line;
    private String state = "ringing";
    private final Map<String, String> variables = new LinkedHashMap<>();

    FakeCall(ActionLog log, String id, String from, String to, String direction, String line) {
        this.log = log;
        this.id = id;
        this.from = from;
        this.to = to;
        this.direction = direction;
        this.line = line;
    }

    private void act(String what) {
        log.add(id + "." + what);
    }

    @Override public String getId() { return id; }
    @Override public String getFrom() { return from; }
    @Override public String getTo() { return to; }
    @Override public String getDirection() { return direction; }
    @Override public String getState() { return state; }
    @Override public String getLine() { return line; }
    @Override public Map<String, String> getVariables() { return variables; }
    @Override public void answer() { state = "answered"; act("answer()"); }
    @Override public void hangup() { state = "ended"; act("hangup()"); }
    @Override public void hangup(String cause) { state = "ended"; act("hangup(" + cause + ")"); }
    @Override public void play(String fileOrTone) { act("play(" + fileOrTone + ")"); }
    @Override public void say(String text) { act("say(" + text + ")"); }
    @Override public void stopPlayback() { act("stopPlayback()"); }
    @Override public void record(String file, int maxSeconds) { act("record(" + file + ", " + maxSeconds + ")"); }
    @Override public void collect(Map<String, Object> options) { act("collect(" + Json.of(options) + ")"); }
    @Override public void bridge(Call other) { act("bridge(" + other.getId() + ")"); }
    @Override public void join(Conference conference) { act("join(" + conference.getName() + ")"); }
    @Override public void leave() { act("leave()"); }
    @Override public void transfer(String destination) { act("transfer(" + destination + ")"); }
    @Override public void setVariable(String name, String value) { variables.put(name, value); act("setVariable(" + name + ", " + value + ")"); }

    /** A verb no method above overrides (a new one) is recorded by name. */
    @Override public void verb(String name, Map<String, Object> args) { act("verb(" + name + ", " + Json.of(args) + ")"); }

    void answered() { state = "answered"; }

    @Override
    public String toString() {
        return "Call(" + id + ")";
    }
}

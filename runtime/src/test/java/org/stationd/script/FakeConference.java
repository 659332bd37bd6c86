package org.stationd.script;

import java.util.ArrayList;
import java.util.List;
import org.stationd.api.Call;
import org.stationd.api.Conference;

final class FakeConference implements Conference {
    private final ActionLog log;
    private final String name;
    final List<Call> members = new ArrayList<>();

    FakeConference(ActionLog log, String name) {
        this.log = log;
        this.name = name;
    }

    private void act(String what) { log.add("conference(" + name + ")." + what); }

    @Override public String getName() { return name; }
    @Override public void play(String file) { act("play(" + file + ")"); }
    @Override public void stop() { act("stop()"); }
    @Override public void say(String text) { act("say(" + text + ")"); }
    @Override public void mute(Call member) { act("mute(" + member.getId() + ")"); }
    @Override public void unmute(Call member) { act("unmute(" + member.getId() + ")"); }
    @Override public void kick(Call member) { act("kick(" + member.getId() + ")"); }
    @Override public List<Call> getMembers() { return members; }
    @Override public void record(String file) { act("record(" + file + ")"); }
    @Override public void stopRecording() { act("stopRecording()"); }
}

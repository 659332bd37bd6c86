package org.stationd.esl.sim.conference;

import org.stationd.esl.sim.app.AppRun;
import org.stationd.esl.sim.channel.Channel;

/** A channel in a conference: its member id (global across conferences, as in FreeSWITCH) and flags. */
public final class Member {
    final int id;
    final Channel channel;
    final AppRun run;
    boolean hear = true;
    boolean speak = true;
    boolean left;
    /** Caller-control levels: talk and listen volume (-4..4), energy threshold. */
    int talkVolume;
    int listenVolume;
    int energy = 100;

    Member(int id, Channel channel, AppRun run) {
        this.id = id;
        this.channel = channel;
        this.run = run;
    }

    public int id() {
        return id;
    }

    public Channel channel() {
        return channel;
    }

    public boolean canHear() {
        return hear;
    }

    public boolean canSpeak() {
        return speak;
    }
}

package org.stationd.esl.sim;

import java.util.List;

/** A snapshot of one conference: its members (newest first) and the files playing or queued. */
public record SimConference(String name, String uuid, List<Member> members, List<String> files) {

    /** A member: id, channel uuid and name, and whether it hears and speaks. */
    public record Member(int id, String uuid, String channelName, boolean hear, boolean speak, boolean floor) {
    }
}

package org.stationd.verb;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.stationd.call.CallLeg;

/**
 * A verb that exists only in the tests ({@code call.verb('note', [text: …])}): this class and its
 * entry in the tests' {@code org/stationd/verb/specs.json} are all it took to add it.
 */
final class Note extends Verb {
    private static final List<String> HEARD = new CopyOnWriteArrayList<>();

    static List<String> heard() {
        return HEARD;
    }

    @Override public String name() { return "note"; }

    @Override
    public void exec(CallLeg call, Map<String, Object> args, VerbContext ctx) {
        HEARD.add(call.stationId() + " " + args.get("text"));
    }
}

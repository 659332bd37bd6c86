package org.stationd.esl.sim.api;

import java.util.ArrayList;
import java.util.List;
import org.stationd.esl.sim.SwitchCore;

/** An api command's argument string and the switch it runs in. */
public record ApiRequest(SwitchCore core, String command, String args, boolean background) {

    public ApiRequest {
        args = args == null ? "" : args;
    }

    /** The arguments split on spaces (FreeSWITCH's switch_separate_string without quoting). */
    public List<String> argv() {
        List<String> out = new ArrayList<>();
        for (String s : args.trim().split(" +")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    public String arg(int i) {
        List<String> a = argv();
        return i < a.size() ? a.get(i) : null;
    }
}

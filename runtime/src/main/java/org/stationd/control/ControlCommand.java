package org.stationd.control;

import java.util.Map;

/** An operator command as it arrives on the control socket: {@code {"cmd":"swap","station":"kla","program":"talk.js"}}. */
public record ControlCommand(String cmd, Map<String, Object> args) {
    public String arg(String name) {
        Object v = args.get(name);
        return v == null ? null : v.toString();
    }
}

package org.stationd.esl.sim.app;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stationd.esl.codec.CommandFrame;

/**
 * A sendmsg queued on a channel (a "private event"): execute an application, or hang up. Its
 * headers come back verbatim in the PRIVATE_COMMAND event fired once it has been carried out.
 */
public final class Message {
    private final List<Map.Entry<String, String>> leading;
    private final String callCommand;
    private final String appName;
    private final String appArg;
    private final int loops;
    private final boolean eventLock;
    private final String eventUuid;
    private final String hangupCause;

    private Message(List<Map.Entry<String, String>> leading, String callCommand, String appName, String appArg,
                    int loops, boolean eventLock, String eventUuid, String hangupCause) {
        this.leading = leading;
        this.callCommand = callCommand;
        this.appName = appName;
        this.appArg = appArg;
        this.loops = loops;
        this.eventLock = eventLock;
        this.eventUuid = eventUuid;
        this.hangupCause = hangupCause;
    }

    /** From the socket command as the client sent it. */
    public static Message of(CommandFrame f) {
        List<Map.Entry<String, String>> leading = new ArrayList<>();
        leading.add(new AbstractMap.SimpleImmutableEntry<>("Command", f.line()));
        leading.addAll(f.headers());
        String arg = f.header("execute-app-arg");
        if (arg == null && f.body() != null) {
            arg = f.body();
        }
        int loops = 1;
        String l = f.header("loops");
        if (l != null) {
            try {
                loops = Integer.parseInt(l.trim());
            } catch (NumberFormatException ignored) {
                loops = 1;
            }
        }
        String cc = f.header("call-command");
        return new Message(leading, cc == null ? "" : cc.trim().toLowerCase(java.util.Locale.ROOT), f.header("execute-app-name"), arg,
                loops, isTrue(f.header("event-lock")) || isTrue(f.header("event-lock-pri")), f.header("Event-UUID"), f.header("hangup-cause"));
    }

    /** An execute message made by the switch itself (uuid_broadcast). */
    public static Message execute(String app, String arg, boolean eventLock) {
        List<Map.Entry<String, String>> leading = new ArrayList<>();
        leading.add(new AbstractMap.SimpleImmutableEntry<>("call-command", "execute"));
        leading.add(new AbstractMap.SimpleImmutableEntry<>("execute-app-name", app));
        leading.add(new AbstractMap.SimpleImmutableEntry<>("execute-app-arg", arg));
        return new Message(leading, "execute", app, arg, 1, eventLock, null, null);
    }

    static boolean isTrue(String v) {
        if (v == null) {
            return false;
        }
        String t = v.trim().toLowerCase(java.util.Locale.ROOT);
        return t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("1") || t.equals("enabled") || t.equals("active") || t.equals("allow");
    }

    public List<Map.Entry<String, String>> leadingHeaders() {
        return leading;
    }

    public String callCommand() {
        return callCommand;
    }

    public String appName() {
        return appName;
    }

    public String appArg() {
        return appArg;
    }

    public int loops() {
        return loops;
    }

    public boolean eventLock() {
        return eventLock;
    }

    public String eventUuid() {
        return eventUuid;
    }

    public String hangupCause() {
        return hangupCause;
    }

    /** Whether PRIVATE_COMMAND is fired for it (switch-made broadcasts fire none). */
    public boolean fromSocket() {
        return !leading.isEmpty() && leading.get(0).getKey().equals("Command");
    }
}

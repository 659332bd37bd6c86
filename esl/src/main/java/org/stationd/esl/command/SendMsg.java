package org.stationd.esl.command;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers of a {@code sendmsg}: run a dialplan application on a channel, or hang it up.
 *
 * <pre>{@code
 * SendMsg.execute("playback", "/sounds/news.wav").eventUuid(id).loops(2)
 * SendMsg.hangup("NORMAL_CLEARING")
 * }</pre>
 */
public final class SendMsg {
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String eventUuid;

    private SendMsg() {}

    public static SendMsg execute(String app, String arg) {
        SendMsg m = new SendMsg();
        m.headers.put("call-command", "execute");
        m.headers.put("execute-app-name", app);
        if (arg != null && !arg.isEmpty()) {
            m.headers.put("execute-app-arg", arg);
        }
        return m;
    }

    public static SendMsg execute(String app) {
        return execute(app, null);
    }

    public static SendMsg hangup(String cause) {
        SendMsg m = new SendMsg();
        m.headers.put("call-command", "hangup");
        m.headers.put("hangup-cause", cause);
        return m;
    }

    /** FreeSWITCH echoes this as {@code Application-UUID} in the application's EXECUTE events. */
    public SendMsg eventUuid(String uuid) {
        this.eventUuid = uuid;
        return this;
    }

    public SendMsg loops(int loops) {
        headers.put("loops", Integer.toString(loops));
        return this;
    }

    /** Queue behind the channel's current application instead of interrupting it. */
    public SendMsg eventLock(boolean lock) {
        headers.put("event-lock", Boolean.toString(lock));
        return this;
    }

    public SendMsg header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public String eventUuid() {
        return eventUuid;
    }

    Map<String, String> headers() {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (eventUuid != null) {
            all.put("Event-UUID", eventUuid);
        }
        return all;
    }
}

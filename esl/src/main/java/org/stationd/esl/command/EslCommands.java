package org.stationd.esl.command;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Factory for every command of mod_event_socket, producing the bytes FreeSWITCH expects. */
public final class EslCommands {
    private EslCommands() {}

    private static EslCommand of(String line) {
        return new EslCommand(line, Map.of(), null);
    }

    public static EslCommand auth(String password) {
        return of("auth " + password);
    }

    public static EslCommand userauth(String user, String password) {
        return of("userauth " + user + ":" + password);
    }

    public static EslCommand api(String command) {
        return of("api " + command);
    }

    /** {@code bgapi} with a {@code Job-UUID} chosen by us, so the result can be awaited before the reply comes. */
    public static EslCommand bgapi(String command, String jobUuid) {
        Map<String, String> h = new LinkedHashMap<>();
        if (jobUuid != null) {
            h.put("Job-UUID", jobUuid);
        }
        return new EslCommand("bgapi " + command, h, null);
    }

    public static EslCommand event(EventFormat format, String... events) {
        return of("event " + format.wireName() + " " + String.join(" ", events));
    }

    /** {@code myevents [uuid] [format]}: inbound mode names the channel; outbound mode omits it. */
    public static EslCommand myevents(EventFormat format, String uuid) {
        StringBuilder sb = new StringBuilder("myevents");
        if (uuid != null) {
            sb.append(' ').append(uuid);
        }
        if (format != EventFormat.PLAIN) {
            sb.append(' ').append(format.wireName());
        }
        return of(sb.toString());
    }

    public static EslCommand filter(String header, String value) {
        return of("filter " + header + " " + value);
    }

    /** {@code filter delete <header> [value]}; a null header sends a bare {@code filter delete} (FreeSWITCH answers -ERR). */
    public static EslCommand filterDelete(String header, String value) {
        if (header == null) {
            if (value != null) {
                throw new IllegalArgumentException("filter delete with a value needs a header");
            }
            return of("filter delete");
        }
        return of("filter delete " + header + (value == null ? "" : " " + value));
    }

    public static EslCommand filterDeleteAll() {
        return of("filter delete all");
    }

    public static EslCommand nixevent(String... events) {
        return of("nixevent " + String.join(" ", events));
    }

    public static EslCommand noevents() {
        return of("noevents");
    }

    public static EslCommand sendmsg(String uuid, SendMsg msg) {
        return new EslCommand(uuid == null ? "sendmsg" : "sendmsg " + uuid, msg.headers(), null);
    }

    public static EslCommand sendevent(String eventName, Map<String, String> headers, String body) {
        return new EslCommand("sendevent " + eventName, headers, body);
    }

    public static EslCommand linger() {
        return of("linger");
    }

    public static EslCommand linger(int seconds) {
        return of("linger " + seconds);
    }

    public static EslCommand nolinger() {
        return of("nolinger");
    }

    public static EslCommand log(String level) {
        return of("log " + level);
    }

    public static EslCommand nolog() {
        return of("nolog");
    }

    public static EslCommand connect() {
        return of("connect");
    }

    public static EslCommand resume() {
        return of("resume");
    }

    public static EslCommand exit() {
        return of("exit");
    }

    /** Any command line verbatim, for what this class has no method for. */
    public static EslCommand raw(String line, String... headerPairs) {
        if (headerPairs.length % 2 != 0) {
            throw new IllegalArgumentException("header pairs must come as name, value: " + Arrays.toString(headerPairs));
        }
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            h.put(headerPairs[i], headerPairs[i + 1]);
        }
        return new EslCommand(line, h, null);
    }
}

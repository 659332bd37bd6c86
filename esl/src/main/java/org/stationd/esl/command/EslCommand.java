package org.stationd.esl.command;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Event Socket command as written on the wire: a command line, optional {@code Name: value}
 * lines, a blank line, and for {@code sendevent}/{@code sendmsg} with content an optional body.
 * Instances come from {@link EslCommands}.
 */
public final class EslCommand {
    private final String line;
    private final Map<String, String> headers;
    private final String body;

    EslCommand(String line, Map<String, String> headers, String body) {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an ESL command line cannot contain a line break: " + line);
        }
        headers.forEach((k, v) -> {
            if ((k + v).indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header '" + k + "' of '" + line + "' contains a line break");
            }
        });
        this.line = line;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body;
    }

    public String line() {
        return line;
    }

    /** The first word: {@code api}, {@code bgapi}, {@code sendmsg}, … */
    public String verb() {
        int sp = line.indexOf(' ');
        return sp < 0 ? line : line.substring(0, sp);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String body() {
        return body;
    }

    /** {@code api} is answered with an {@code api/response}; every other command with a {@code command/reply}. */
    public boolean expectsApiResponse() {
        return "api".equals(verb());
    }

    /** The exact bytes sent to FreeSWITCH. */
    public byte[] toBytes() {
        StringBuilder sb = new StringBuilder(line.length() + 64);
        sb.append(line).append('\n');
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        if (body == null) {
            sb.append('\n');
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        sb.append("Content-Length: ").append(content.length).append("\n\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }

    /** The command for logs: {@code auth} passwords are masked. */
    @Override
    public String toString() {
        if (line.startsWith("auth ") || line.startsWith("userauth ")) {
            return verb() + " ********";
        }
        return headers.isEmpty() ? line : line + " " + headers;
    }
}

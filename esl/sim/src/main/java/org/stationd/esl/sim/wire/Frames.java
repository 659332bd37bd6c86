package org.stationd.esl.sim.wire;

import java.nio.charset.StandardCharsets;

/**
 * The non-event frames mod_event_socket writes, with its exact header order: {@code auth/request},
 * {@code command/reply} (no Content-Length), {@code api/response} (Content-Type first),
 * disconnect notices and the rude rejection.
 */
public final class Frames {
    private Frames() {}

    public static final String GOODBYE = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";
    public static final String SHUTTING_DOWN = "The system is being shut down.\n";

    public static byte[] authRequest() {
        return ascii("Content-Type: auth/request\n\n");
    }

    public static byte[] commandReply(String replyText) {
        return utf8("Content-Type: command/reply\nReply-Text: " + replyText + "\n\n");
    }

    /** A reply with extra headers after Reply-Text (bgapi's Job-UUID, userauth's Allowed-*). */
    public static byte[] commandReply(String replyText, String... headerPairs) {
        StringBuilder sb = new StringBuilder("Content-Type: command/reply\nReply-Text: ").append(replyText).append('\n');
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            sb.append(headerPairs[i]).append(": ").append(headerPairs[i + 1]).append('\n');
        }
        return utf8(sb.append('\n').toString());
    }

    public static byte[] apiResponse(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return concat(ascii("Content-Type: api/response\nContent-Length: " + b.length + "\n\n"), b);
    }

    public static byte[] disconnectNotice(String message) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        return concat(ascii("Content-Type: text/disconnect-notice\nContent-Length: " + b.length + "\n\n"), b);
    }

    /** The notice an outbound (controlled) session gets when its socket is closed. */
    public static byte[] disconnectNotice(String sessionUuid, String message) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        return concat(ascii("Content-Type: text/disconnect-notice\nControlled-Session-UUID: " + sessionUuid
                + "\nContent-Disposition: disconnect\nContent-Length: " + b.length + "\n\n"), b);
    }

    /** Sent when a lingering session's channel hangs up; the socket stays open. */
    public static byte[] lingerNotice(String sessionUuid, String channelName, long lingerSeconds) {
        return utf8("Content-Type: text/disconnect-notice\nControlled-Session-UUID: " + sessionUuid
                + "\nContent-Disposition: linger\nChannel-Name: " + channelName + "\nLinger-Time: " + lingerSeconds
                + "\nContent-Length: 0\n\n");
    }

    public static byte[] rudeRejection(String message) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        return concat(ascii("Content-Type: text/rude-rejection\nContent-Length: " + b.length + "\n\n"), b);
    }

    public static byte[] logData(String text, int level, String file, String func, int line, String userData) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return concat(utf8("Content-Type: log/data\nContent-Length: " + b.length + "\nLog-Level: " + level + "\nText-Channel: 3\nLog-File: "
                + file + "\nLog-Func: " + func + "\nLog-Line: " + line + "\nUser-Data: " + (userData == null ? "" : userData) + "\n\n"), b);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

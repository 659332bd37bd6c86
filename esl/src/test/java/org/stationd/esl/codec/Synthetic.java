package org.stationd.esl.codec;

import java.nio.charset.StandardCharsets;

/** Frames built by hand in the shapes mod_event_socket writes them; Content-Length counts UTF-8 bytes. */
final class Synthetic {
    private Synthetic() {}

    static int length(String body) {
        return body.getBytes(StandardCharsets.UTF_8).length;
    }

    /** {@code api/response}: Content-Type first, then Content-Length. */
    static String api(String body) {
        return "Content-Type: api/response\nContent-Length: " + length(body) + "\n\n" + body;
    }

    /** Events: Content-Length first, then Content-Type. */
    static String event(String contentType, String body) {
        return "Content-Length: " + length(body) + "\nContent-Type: " + contentType + "\n\n" + body;
    }

    /** Any frame: the given header lines (each ending in a newline), Content-Length, blank line, body. */
    static String frame(String headerLines, String body) {
        return headerLines + "Content-Length: " + length(body) + "\n\n" + body;
    }
}

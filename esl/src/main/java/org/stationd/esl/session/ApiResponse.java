package org.stationd.esl.session;

/** The body of an {@code api/response} (or a BACKGROUND_JOB): FreeSWITCH reports failures as {@code -ERR …} text. */
public record ApiResponse(String body) {
    public boolean isError() {
        return body.startsWith("-ERR") || body.startsWith("-USAGE");
    }

    /** The text after {@code -ERR }, trimmed, e.g. {@code NO_ROUTE_DESTINATION}; empty if not an error. */
    public String errorText() {
        if (!isError()) {
            return "";
        }
        int sp = body.indexOf(' ');
        return sp < 0 ? "" : body.substring(sp + 1).trim();
    }

    /** The body without its trailing newline, e.g. {@code +OK 6d7c7ede-…}. */
    public String text() {
        return body.strip();
    }
}

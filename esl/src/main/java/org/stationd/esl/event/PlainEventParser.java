package org.stationd.esl.event;

/**
 * {@code text/event-plain}: URL-encoded {@code Name: value} lines, a blank line, and, when the
 * event has a body, an inner {@code Content-Length} and that many bytes after the blank line.
 * The lines are only indexed here ({@link PlainHeaders}); values are decoded when read.
 */
final class PlainEventParser {
    private PlainEventParser() {}

    static EslEvent parse(byte[] data) {
        PlainHeaders headers = PlainHeaders.index(data);
        String length = headers.get("Content-Length");
        if (length == null) {
            return new EslEvent(headers, -1);
        }
        int len = parseLength(length);
        int left = data.length - headers.bodyStart();
        if (len > left) {
            throw new EventFormatException("event's Content-Length " + len + " is longer than the " + left + " bytes left in the frame");
        }
        return new EslEvent(headers, len);
    }

    private static int parseLength(String value) {
        try {
            int len = Integer.parseInt(value.trim());
            if (len < 0) {
                throw new EventFormatException("event's Content-Length is negative: " + value);
            }
            return len;
        } catch (NumberFormatException e) {
            throw new EventFormatException("event's Content-Length is not a number: '" + value + "'");
        }
    }
}

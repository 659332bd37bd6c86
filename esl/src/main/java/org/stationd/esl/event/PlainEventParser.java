package org.stationd.esl.event;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stationd.esl.codec.PercentDecoder;

/**
 * {@code text/event-plain}: URL-encoded {@code Name: value} lines, a blank line, and, when the
 * event has a body, an inner {@code Content-Length} and that many bytes after the blank line.
 */
final class PlainEventParser {
    private PlainEventParser() {}

    static EslEvent parse(byte[] data) {
        Map<String, String> headers = new LinkedHashMap<>();
        int pos = 0;
        int n = data.length;
        while (pos < n) {
            int lf = indexOf(data, (byte) '\n', pos);
            int lineEnd = lf < 0 ? n : lf;
            int next = lf < 0 ? n : lf + 1;
            if (lineEnd > pos && data[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            if (lineEnd == pos) {   // blank line: headers end
                pos = next;
                break;
            }
            int colon = indexOf(data, (byte) ':', pos, lineEnd);
            if (colon <= pos) {
                throw new EventFormatException("plain event line without 'Name: value' at byte " + pos + " of the event");
            }
            String name = new String(data, pos, colon - pos, StandardCharsets.UTF_8);
            int valueStart = colon + 1;
            if (valueStart < lineEnd && data[valueStart] == ' ') {
                valueStart++;
            }
            headers.put(name, PercentDecoder.decode(new String(data, valueStart, lineEnd - valueStart, StandardCharsets.UTF_8)));
            pos = next;
        }
        String body = null;
        String length = headers.get("Content-Length");
        if (length != null) {
            int len = parseLength(length);
            if (len > n - pos) {
                throw new EventFormatException("event's Content-Length " + len + " is longer than the " + (n - pos) + " bytes left in the frame");
            }
            body = new String(data, pos, len, StandardCharsets.UTF_8);
        }
        return new EslEvent(EslEvent.Format.PLAIN, headers, body);
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

    private static int indexOf(byte[] data, byte b, int from) {
        return indexOf(data, b, from, data.length);
    }

    private static int indexOf(byte[] data, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}

package org.stationd.bench.esl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The expected check of a stream, read with a parser of its own (not stationd's): header lines up
 * to the blank line, values {@code %XX}-decoded as bytes then read as UTF-8, the body after the
 * blank line when there is an inner {@code Content-Length}.
 */
final class Reference {
    private Reference() {}

    static List<String> expected(EslStream stream, int passes) {
        Check check = new Check();
        for (int p = 0; p < passes; p++) {
            for (byte[] frame : stream.frames) {
                event(frame, check);
            }
        }
        return check.lines();
    }

    private static void event(byte[] frame, Check check) {
        int pos = Framing.headerEnd(frame, 0, frame.length);
        Map<String, String> h = new HashMap<>();
        while (pos < frame.length && frame[pos] != '\n') {
            int lf = pos;
            while (lf < frame.length && frame[lf] != '\n') {
                lf++;
            }
            int colon = pos;
            while (frame[colon] != ':') {
                colon++;
            }
            int value = colon + 1 < lf && frame[colon + 1] == ' ' ? colon + 2 : colon + 1;
            h.put(new String(frame, pos, colon - pos, StandardCharsets.UTF_8), unescape(frame, value, lf));
            pos = lf + 1;
        }
        pos++;
        String body = null;
        if (h.containsKey("Content-Length")) {
            int len = Integer.parseInt(h.get("Content-Length").trim());
            body = new String(frame, pos, len, StandardCharsets.UTF_8);
        }
        check.event(h.get("Event-Name"), h.get("Event-Date-GMT"), body, h.get("Unique-ID"), h.get("Event-Sequence"));
    }

    private static String unescape(byte[] b, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            if (b[i] == '%' && i + 2 < to && Character.digit(b[i + 1], 16) >= 0 && Character.digit(b[i + 2], 16) >= 0) {
                out.write(Character.digit(b[i + 1], 16) * 16 + Character.digit(b[i + 2], 16));
                i += 2;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}

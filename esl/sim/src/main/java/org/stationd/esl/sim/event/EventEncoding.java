package org.stationd.esl.sim.event;

import java.nio.charset.StandardCharsets;
import org.stationd.esl.codec.PercentDecoder;

/**
 * The three wire forms of an event, byte for byte as mod_event_socket writes them: the outer
 * {@code Content-Length}/{@code Content-Type} block, then the event as {@code switch_event_serialize}
 * (URL-encoded plain), {@code switch_event_serialize_json} (compact cJSON, all strings, {@code _body})
 * or {@code switch_event_xmlize} + {@code switch_xml_toxml} (two-space indented) produce it.
 */
final class EventEncoding {
    private EventEncoding() {}

    static byte[] plainFrame(SimEvent e) {
        StringBuilder sb = new StringBuilder(2560);
        for (int i = 0; i < e.headerCount(); i++) {
            sb.append(e.headerName(i)).append(": ");
            urlEncode(sb, e.headerValue(i));
            sb.append('\n');
        }
        String body = e.body();
        if (body != null) {
            sb.append("Content-Length: ").append(utf8Length(body)).append("\n\n").append(body);
        } else {
            sb.append('\n');
        }
        return frame("text/event-plain", sb);
    }

    /** switch_url_encode into {@code sb}; plain ASCII is copied without going through bytes (the common case). */
    private static void urlEncode(StringBuilder sb, String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c > 0x7e || UNSAFE.indexOf(c) >= 0) {
                sb.append(PercentDecoder.encode(v.substring(i)));
                return;
            }
            sb.append(c);
        }
    }

    /** Must agree with PercentDecoder.encode's set (which it hands over to for the rest of the value). */
    private static final String UNSAFE = "\r\n #%&+:;<=>?@[\\]^`{|}\"";

    static byte[] jsonFrame(SimEvent e) {
        StringBuilder sb = new StringBuilder(2048);
        sb.append('{');
        boolean first = true;
        for (int i = 0; i < e.headerCount(); i++) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            json(sb, e.headerName(i)).append(':');
            json(sb, e.headerValue(i));
        }
        String body = e.body();
        if (body != null) {
            if (!first) {
                sb.append(',');
            }
            json(sb, "Content-Length").append(':');
            json(sb, Integer.toString(utf8Length(body))).append(',');
            json(sb, "_body").append(':');
            json(sb, body);
        }
        sb.append('}');
        return frame("text/event-json", sb);
    }

    /**
     * {@code <event><headers><Name>url-encoded</Name>…</headers>[<Content-Length>n</Content-Length><body>…</body>]</event>}
     * with switch_xml_toxml's layout: a newline after an opening tag with children, two spaces per
     * level, and a closing tag indented only when it follows a newline.
     */
    static byte[] xmlFrame(SimEvent e) {
        StringBuilder sb = new StringBuilder(3072);
        sb.append("<event>\n  <headers>");
        for (int i = 0; i < e.headerCount(); i++) {
            if (i == 0) {
                sb.append('\n');
            }
            sb.append("    <").append(e.headerName(i)).append('>');
            amp(sb, PercentDecoder.encode(e.headerValue(i)));
            sb.append("</").append(e.headerName(i)).append(">\n");
        }
        if (e.headerCount() > 0) {
            sb.append("  ");
        }
        sb.append("</headers>\n");
        String body = e.body();
        if (body != null && !body.isEmpty()) {
            sb.append("  <Content-Length>").append(utf8Length(body)).append("</Content-Length>\n");
            sb.append("  <body>");
            amp(sb, body);
            if (sb.charAt(sb.length() - 1) == '\n') {
                sb.append("  ");
            }
            sb.append("</body>\n");
        }
        sb.append("</event>\n");
        return frame("text/event-xml", sb);
    }

    private static byte[] frame(String type, CharSequence content) {
        byte[] body = content.toString().getBytes(StandardCharsets.UTF_8);
        byte[] head = ("Content-Length: " + body.length + "\nContent-Type: " + type + "\n\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** cJSON's string escaping: quotes, backslash, the named controls, other controls as \\u00XX; everything else raw. */
    private static StringBuilder json(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /** switch_xml_ampencode for character data. */
    private static void amp(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\r' -> sb.append("&#xD;");
                default -> sb.append(c);
            }
        }
    }
}

package org.stationd.esl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads event bodies a second way, deliberately unlike the production parsers (string splitting,
 * {@link URLDecoder}, a Jackson tree), so tests compare two implementations rather than one with itself.
 */
public final class EventOracle {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A '%' that does not start a valid escape; FreeSWITCH leaves such text alone, URLDecoder would throw. */
    private static final Pattern LONE_PERCENT = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private EventOracle() {}

    /** Headers (last value wins, first position kept) and the event's own body, or null. */
    public record Event(Map<String, String> headers, String body) {
        public String name() {
            return headers.get("Event-Name");
        }
    }

    /** Percent-decodes as FreeSWITCH's url-decode does: {@code %XX} only, {@code +} stays, malformed escapes stay literal. */
    public static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        String escaped = LONE_PERCENT.matcher(s.replace("+", "%2B")).replaceAll("%25");
        return URLDecoder.decode(escaped, StandardCharsets.UTF_8);
    }

    public static Event plain(byte[] frameBody) {
        String text = new String(frameBody, StandardCharsets.UTF_8);
        int blank = text.indexOf("\n\n");
        String head = blank < 0 ? text : text.substring(0, blank);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : head.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            String value = line.startsWith(" ", colon + 1) ? line.substring(colon + 2) : line.substring(colon + 1);
            headers.put(line.substring(0, colon), percentDecode(value));
        }
        String body = null;
        if (headers.containsKey("Content-Length")) {
            int n = Integer.parseInt(headers.get("Content-Length"));
            byte[] rest = text.substring(blank + 2).getBytes(StandardCharsets.UTF_8);
            body = new String(Arrays.copyOf(rest, n), StandardCharsets.UTF_8);
        }
        return new Event(headers, body);
    }

    public static Event json(byte[] frameBody) {
        JsonNode root;
        try {
            root = JSON.readTree(frameBody);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String[] body = {null};
        root.properties().forEach(e -> {
            if (e.getKey().equals("_body")) {
                body[0] = e.getValue().asText();
            } else {
                headers.put(e.getKey(), e.getValue().asText());
            }
        });
        return new Event(headers, body[0]);
    }

    /** The event in a frame of the given content type. */
    public static Event of(String contentType, byte[] frameBody) {
        return switch (contentType) {
            case "text/event-plain" -> plain(frameBody);
            case "text/event-json" -> json(frameBody);
            default -> throw new IllegalArgumentException("no oracle for " + contentType);
        };
    }
}

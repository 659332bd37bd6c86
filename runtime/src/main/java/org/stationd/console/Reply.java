package org.stationd.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a route answers: a status, a content type and the bytes. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    static Reply json(Object value) {
        return json(200, value);
    }

    static Reply json(int status, Object value) {
        try {
            return new Reply(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value), Map.of());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON-like: " + e.getMessage(), e);
        }
    }

    static Reply error(int status, String message) {
        return json(status, Map.of("error", message));
    }

    static Reply text(int status, String contentType, String text) {
        return new Reply(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    Reply with(String header, String value) {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put(header, value);
        return new Reply(status, contentType, body, h);
    }
}

package org.stationd.esl.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code text/event-json}: one object, every value a string, not URL-encoded, the event's body in
 * {@code "_body"}. Streamed with Jackson's parser so header order is kept and no tree is built.
 */
final class JsonEventParser {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    private JsonEventParser() {}

    static EslEvent parse(byte[] data) {
        Map<String, String> headers = new LinkedHashMap<>();
        String body = null;
        try (JsonParser p = FACTORY.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new EventFormatException("JSON event is not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                String value;
                if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                    value = arrayAsFreeSwitchValue(p, t);
                } else if (t == JsonToken.VALUE_NULL) {
                    value = "";
                } else {
                    value = p.getValueAsString();
                }
                if ("_body".equals(name)) {
                    body = value;
                } else {
                    headers.put(name, value);
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new EventFormatException("JSON event object is not closed");
            }
        } catch (IOException e) {
            throw new EventFormatException("JSON event is not valid JSON: " + e.getMessage(), e);
        }
        return EslEvent.owning(EslEvent.Format.JSON, headers, body);
    }

    /** FreeSWITCH writes array headers as JSON arrays; keep them in the plain form {@code ARRAY::a|:b}. */
    private static String arrayAsFreeSwitchValue(JsonParser p, JsonToken start) throws IOException {
        if (start == JsonToken.START_OBJECT) {
            p.skipChildren();
            return "";
        }
        StringBuilder sb = new StringBuilder(ArrayValue.PREFIX);
        boolean first = true;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.START_ARRAY || p.currentToken() == JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            if (!first) {
                sb.append("|:");
            }
            sb.append(p.getValueAsString(""));
            first = false;
        }
        return sb.toString();
    }
}

package org.stationd.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading a request and writing replies. A request is one JSON object with a text "cmd" and at most
 * {@link #MAX_REQUEST_BYTES}; anything else (the bare {@code null}, a list, a number, bytes that are
 * not JSON) is refused with a reply that says what to send. Replies never carry Java's own texts.
 */
final class Requests {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Requests are small JSON objects; a bigger one is answered with an error. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;

    private Requests() {}

    /** A request that is not one: {@code oversized} tells which counter it goes to. */
    static final class Bad extends Exception {
        final boolean oversized;
        final Object rid;   // when the request was an object that had one

        Bad(String message, boolean oversized, Object rid) {
            super(message, null, false, false);
            this.oversized = oversized;
            this.rid = rid;
        }
    }

    /** What a client asked: its request id (echoed in the reply, any JSON value) and the command. */
    record Request(Object rid, ControlCommand command) {}

    @SuppressWarnings("unchecked")
    static Request parse(byte[] body) throws Bad {
        if (body.length > MAX_REQUEST_BYTES) {
            throw new Bad("request of " + body.length + " bytes is over the limit of " + MAX_REQUEST_BYTES + " bytes", true, null);
        }
        Map<String, Object> fields;
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || !tree.isObject()) throw new IllegalArgumentException("not an object");
            fields = JSON.treeToValue(tree, Map.class);
        } catch (Exception e) {
            throw new Bad("not a JSON object: send {\"cmd\": \"status\"}", false, null);
        }
        Map<String, Object> args = new LinkedHashMap<>(fields);
        Object cmd = args.remove("cmd");
        Object rid = args.remove("rid");
        if (!(cmd instanceof String command) || command.isBlank()) {
            throw new Bad("missing \"cmd\" (text), e.g. {\"cmd\": \"status\"}", false, rid);
        }
        return new Request(rid, new ControlCommand(command, args));
    }

    static Map<String, Object> ok(Object rid, Map<String, Object> result) {
        Map<String, Object> reply = new LinkedHashMap<>();
        if (rid != null) reply.put("rid", rid);   // lets a client match answers to questions
        reply.put("ok", true);
        if (result != null) {
            result.forEach((k, v) -> {
                if (!k.equals("rid") && !k.equals("ok")) reply.put(k, v);
            });
        }
        return reply;
    }

    static Map<String, Object> error(Object rid, String message) {
        Map<String, Object> reply = new LinkedHashMap<>();
        if (rid != null) reply.put("rid", rid);
        reply.put("ok", false);
        reply.put("error", message);
        return reply;
    }

    static byte[] toJson(Map<String, Object> reply) {
        try {
            return JSON.writeValueAsBytes(reply);
        } catch (Exception e) {
            Object rid = reply.get("rid");
            try {
                return JSON.writeValueAsBytes(error(rid, "the host could not write its answer (logged there)"));
            } catch (Exception again) {
                return "{\"ok\":false,\"error\":\"the host could not write its answer\"}".getBytes(StandardCharsets.UTF_8);
            }
        }
    }
}

package org.stationd.esl.tool;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.stationd.esl.codec.EslFrame;
import org.stationd.esl.codec.EslFrameDecoder;
import org.stationd.esl.codec.EslProtocolException;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.event.EslEvents;
import org.stationd.esl.event.EventFormatException;

/**
 * {@code stationd esl decode FILE}: reads a raw Event Socket byte stream, or a capture in the
 * JSON-lines format of {@code shared/esl-captures} (its {@code recv} side), and prints one JSON
 * object per frame. Returns 0 for a well-formed stream; otherwise prints what is wrong and where.
 */
public final class EslDecodeTool {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EslDecodeTool() {}

    /** @return the process exit code */
    public static int run(Path file, PrintStream out, PrintStream err) {
        byte[] stream;
        try {
            byte[] bytes = Files.readAllBytes(file);
            stream = looksLikeCapture(bytes) ? recvStream(file, bytes) : bytes;
        } catch (IOException | IllegalArgumentException e) {
            err.println("esl decode: " + file + ": " + e.getMessage());
            return 2;
        }
        return decode(stream, out, err, file.toString());
    }

    public static int decode(byte[] stream, PrintStream out, PrintStream err, String name) {
        EslFrameDecoder decoder = new EslFrameDecoder();
        ByteBuf in = Unpooled.wrappedBuffer(stream);
        try (JsonGenerator gen = JSON.getFactory().createGenerator((OutputStream) out)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);   // out is the caller's (often System.out)
            gen.setRootValueSeparator(null);
            while (true) {
                EslFrame frame = decoder.decodeOne(in);
                if (frame == null) {
                    break;
                }
                write(gen, frame);
                gen.flush();
                out.write('\n');
            }
            if (decoder.midFrame(in)) {
                err.println("esl decode: " + name + ": stream ends inside a frame that starts at byte offset " + decoder.pendingFrameOffset());
                return 1;
            }
            return 0;
        } catch (EslProtocolException e) {
            err.println("esl decode: " + name + ": " + e.getMessage());
            return 1;
        } catch (EventFormatException e) {
            err.println("esl decode: " + name + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("esl decode: cannot write output: " + e.getMessage());
            return 2;
        }
    }

    private static void write(JsonGenerator gen, EslFrame frame) throws IOException {
        EslEvent event = null;
        if (frame.isEvent()) {   // parsed first, so a bad event leaves no half-written line
            try {
                event = EslEvents.parse(frame);
            } catch (EventFormatException e) {
                throw new EventFormatException(e.getMessage() + " (frame at byte offset " + frame.offset() + ")", e);
            }
        }
        gen.writeStartObject();
        gen.writeStringField("contentType", frame.contentType());
        gen.writeNumberField("offset", frame.offset());
        writeMap(gen, "headers", frame.headers());
        gen.writeStringField("body", frame.hasBody() ? frame.bodyText() : null);
        if (event != null) {
            gen.writeStringField("event", event.name());
            writeMap(gen, "eventHeaders", event.headers());
            gen.writeStringField("eventBody", event.body());
        }
        gen.writeEndObject();
    }

    private static void writeMap(JsonGenerator gen, String field, Map<String, String> map) throws IOException {
        gen.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : map.entrySet()) {
            gen.writeStringField(e.getKey(), e.getValue());
        }
        gen.writeEndObject();
    }

    /** A capture file starts with a JSON object that has "dir" and "raw". A raw stream never starts with '{'. */
    static boolean looksLikeCapture(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && Character.isWhitespace(bytes[i])) {
            i++;
        }
        if (i >= bytes.length || bytes[i] != '{') {
            return false;
        }
        int eol = i;
        while (eol < bytes.length && bytes[eol] != '\n') {
            eol++;
        }
        try {
            JsonNode first = JSON.readTree(new String(bytes, i, eol - i, StandardCharsets.UTF_8));
            return first.has("dir") && first.has("raw");
        } catch (IOException e) {
            return false;
        }
    }

    /** Joins the {@code recv} frames of a capture: the exact byte stream FreeSWITCH sent. */
    public static byte[] recvStream(Path file, byte[] bytes) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream(bytes.length);
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                throw new IllegalArgumentException("line " + (n + 1) + " is not a JSON object: " + e.getMessage());
            }
            if (!node.hasNonNull("dir") || !node.hasNonNull("raw")) {
                throw new IllegalArgumentException("line " + (n + 1) + " has no \"dir\" and \"raw\"");
            }
            if ("recv".equals(node.get("dir").asText())) {
                joined.writeBytes(node.get("raw").asText().getBytes(StandardCharsets.UTF_8));
            }
        }
        return joined.toByteArray();
    }
}

package org.stationd.esl.sim.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stationd.esl.codec.EslFrame;
import org.stationd.esl.codec.EslFrameDecoder;

/** One of the real FreeSWITCH transcripts in /work/shared/esl-captures: what was sent, and every frame received. */
public final class Capture {
    /** One line: seconds since start, "send" or "recv", the exact bytes. */
    public record Line(double t, boolean send, String raw) {}

    private final String name;
    private final List<Line> lines;

    private Capture(String name, List<Line> lines) {
        this.name = name;
        this.lines = lines;
    }

    public static Path dir() {
        String d = System.getProperty("esl.captures.dir", "/work/shared/esl-captures");
        return Path.of(d);
    }

    public static boolean available(String file) {
        return Files.isReadable(dir().resolve(file));
    }

    public static Capture load(String file) {
        ObjectMapper om = new ObjectMapper();
        List<Line> lines = new ArrayList<>();
        try {
            for (String l : Files.readAllLines(dir().resolve(file), StandardCharsets.UTF_8)) {
                if (l.isBlank()) {
                    continue;
                }
                JsonNode n = om.readTree(l);
                lines.add(new Line(n.get("t").asDouble(), "send".equals(n.get("dir").asText()), n.get("raw").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Capture(file, lines);
    }

    public String name() {
        return name;
    }

    public List<Line> lines() {
        return lines;
    }

    public List<Line> sends() {
        return lines.stream().filter(Line::send).toList();
    }

    /** The received frames, decoded with the project's decoder. */
    public List<EslFrame> received() {
        EslFrameDecoder d = new EslFrameDecoder();
        ByteBuf buf = Unpooled.buffer();
        List<EslFrame> out = new ArrayList<>();
        for (Line l : lines) {
            if (l.send()) {
                continue;
            }
            buf.writeBytes(l.raw().getBytes(StandardCharsets.UTF_8));
            EslFrame f;
            while ((f = d.decodeOne(buf)) != null) {
                out.add(f);
            }
        }
        buf.release();
        return out;
    }
}

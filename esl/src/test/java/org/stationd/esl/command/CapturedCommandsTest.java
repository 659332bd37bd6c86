package org.stationd.esl.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.stationd.esl.testing.Captures;

/** Every command the recorded clients sent, rebuilt with the factories, must come out byte for byte. */
class CapturedCommandsTest {

    @Test
    void everyRecordedCommandIsReproducedExactly() {
        Set<String> kinds = new TreeSet<>();
        int count = 0;
        for (var file : Captures.all()) {
            for (Captures.Record r : Captures.load(file)) {
                if (!r.isSend()) {
                    continue;
                }
                Built built = build(r.raw());
                kinds.add(built.kind());
                assertArrayEquals(r.bytes(), built.command().toBytes(), () -> file.getFileName() + ": " + r.raw());
                count++;
            }
        }
        assertEquals(Set.of("api", "auth", "bgapi", "connect", "event", "exit", "filter", "filter delete", "filter delete all",
                "filter delete (bare)", "linger", "myevents", "nixevent", "noevents", "sendmsg execute", "sendmsg hangup"), kinds);
        assertTrue(count > 600, "the churn capture alone sent 603 commands: " + count);
    }

    /** Our own Job-UUID adds exactly one header line and changes nothing else. */
    @Test
    void bgapiWithJobUuidAddsOneHeaderLine() {
        for (String capture : new String[] {"03", "04", "08", "10"}) {
            for (Captures.Record r : Captures.send(capture)) {
                if (!r.raw().startsWith("bgapi ")) {
                    continue;
                }
                String line = r.raw().substring(0, r.raw().indexOf('\n'));
                String withJob = new String(EslCommands.bgapi(line.substring(6), "7f4de4bc-1f1c-4d1d-9a62-1b0f8e3e1f00").toBytes(), StandardCharsets.UTF_8);
                assertEquals(line + "\nJob-UUID: 7f4de4bc-1f1c-4d1d-9a62-1b0f8e3e1f00\n\n", withJob);
                assertEquals(r.raw(), new String(EslCommands.bgapi(line.substring(6), null).toBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void encoderWritesTheSameBytes() {
        EmbeddedChannel ch = new EmbeddedChannel(EslCommandEncoder.INSTANCE);
        Captures.Record sendmsg = Captures.send("03").stream().filter(r -> r.raw().startsWith("sendmsg")).findFirst().orElseThrow();
        EslCommand cmd = build(sendmsg.raw()).command();
        ch.writeOutbound(cmd);
        ByteBuf out = ch.readOutbound();
        assertArrayEquals(sendmsg.bytes(), ByteBufUtil.getBytes(out));
        out.release();
        assertFalse(ch.finish());
    }

    @Test
    void commandsCannotSmuggleLineBreaks() {
        assertThrows(IllegalArgumentException.class, () -> EslCommands.api("status\n\nexit"));
        assertThrows(IllegalArgumentException.class, () -> EslCommands.bgapi("status", "x\ny"));
        assertThrows(IllegalArgumentException.class,
                () -> EslCommands.sendmsg("u", SendMsg.execute("playback", "/a.wav\ncall-command: hangup")));
        assertThrows(IllegalArgumentException.class, () -> EslCommands.filterDelete(null, "value"));
    }

    @Test
    void passwordIsMaskedInToString() {
        assertFalse(EslCommands.auth("ClueCon").toString().contains("ClueCon"));
        assertFalse(EslCommands.userauth("1000@default", "secret").toString().contains("secret"));
    }

    private record Built(String kind, EslCommand command) {}

    /** Chooses the factory from the recorded text, the way a caller would have written it. */
    private static Built build(String raw) {
        String[] lines = raw.substring(0, raw.length() - 2).split("\n");
        String line = lines[0];
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : Arrays.copyOfRange(lines, 1, lines.length)) {
            int colon = h.indexOf(": ");
            headers.put(h.substring(0, colon), h.substring(colon + 2));
        }
        String[] words = line.split(" ");
        String rest = line.contains(" ") ? line.substring(line.indexOf(' ') + 1) : "";
        if (!words[0].equals("sendmsg") && !headers.isEmpty()) {
            fail("unexpected headers on " + line);
        }
        return switch (words[0]) {
            case "auth" -> new Built("auth", EslCommands.auth(rest));
            case "api" -> new Built("api", EslCommands.api(rest));
            case "bgapi" -> new Built("bgapi", EslCommands.bgapi(rest, null));
            case "event" -> new Built("event", EslCommands.event(EventFormat.valueOf(words[1].toUpperCase(Locale.ROOT)),
                    Arrays.copyOfRange(words, 2, words.length)));
            case "filter" -> filter(words);
            case "nixevent" -> new Built("nixevent", EslCommands.nixevent(Arrays.copyOfRange(words, 1, words.length)));
            case "noevents" -> new Built("noevents", EslCommands.noevents());
            case "connect" -> new Built("connect", EslCommands.connect());
            case "myevents" -> new Built("myevents", EslCommands.myevents(EventFormat.PLAIN, null));
            case "linger" -> new Built("linger", EslCommands.linger());
            case "exit" -> new Built("exit", EslCommands.exit());
            case "sendmsg" -> sendmsg(words.length > 1 ? words[1] : null, headers);
            default -> throw new AssertionError("no factory chosen for " + line);
        };
    }

    private static Built filter(String[] words) {
        if (!words[1].equals("delete")) {
            return new Built("filter", EslCommands.filter(words[1], words[2]));
        }
        return switch (words.length) {
            case 2 -> new Built("filter delete (bare)", EslCommands.filterDelete(null, null));
            case 3 -> words[2].equals("all")
                    ? new Built("filter delete all", EslCommands.filterDeleteAll())
                    : new Built("filter delete", EslCommands.filterDelete(words[2], null));
            default -> new Built("filter delete", EslCommands.filterDelete(words[2], words[3]));
        };
    }

    private static Built sendmsg(String uuid, Map<String, String> h) {
        SendMsg msg;
        String kind;
        switch (h.get("call-command")) {
            case "execute" -> {
                msg = SendMsg.execute(h.get("execute-app-name"), h.get("execute-app-arg"));
                kind = "sendmsg execute";
            }
            case "hangup" -> {
                msg = SendMsg.hangup(h.get("hangup-cause"));
                kind = "sendmsg hangup";
            }
            default -> throw new AssertionError("unknown call-command " + h);
        }
        if (h.containsKey("Event-UUID")) {
            msg.eventUuid(h.get("Event-UUID"));
        }
        return new Built(kind, EslCommands.sendmsg(uuid, msg));
    }
}

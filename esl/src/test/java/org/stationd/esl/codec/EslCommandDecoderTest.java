package org.stationd.esl.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EslCommandDecoderTest {

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void commandLineOnly() {
        EslCommandDecoder d = new EslCommandDecoder();
        CommandFrame f = d.decodeOne(bytes("api status\n\n"));
        assertEquals("api status", f.line());
        assertEquals("api", f.verb());
        assertEquals("status", f.rest());
        assertTrue(f.headers().isEmpty());
        assertNull(f.body());
    }

    @Test
    void headersInOrderAndCaseInsensitiveLookup() {
        CommandFrame f = new EslCommandDecoder().decodeOne(bytes(
                "sendmsg 6d7c\ncall-command: execute\nexecute-app-name: playback\nexecute-app-arg: tone_stream://%(500,0,440)\nEvent-UUID: x\n\n"));
        assertEquals("sendmsg 6d7c", f.line());
        assertEquals(4, f.headers().size());
        assertEquals("call-command", f.headers().get(0).getKey());
        assertEquals("tone_stream://%(500,0,440)", f.header("EXECUTE-APP-ARG"));
    }

    @Test
    void bodyAfterContentLength() {
        CommandFrame f = new EslCommandDecoder().decodeOne(bytes("sendevent CUSTOM\nEvent-Subclass: a::b\nContent-Length: 5\n\nhello"));
        assertEquals("hello", f.body());
        assertEquals("a::b", f.header("Event-Subclass"));
    }

    @Test
    void splitAcrossReadsAndSeveralInOneRead() {
        EmbeddedChannel ch = new EmbeddedChannel(new EslCommandDecoder());
        ch.writeInbound(bytes("\n\nauth Clue"));
        assertNull(ch.readInbound());
        ch.writeInbound(bytes("Con\n\nevent plain ALL\r\n\r\nexit\n"));
        assertEquals("auth ClueCon", ((CommandFrame) ch.readInbound()).line());
        assertEquals("event plain ALL", ((CommandFrame) ch.readInbound()).line());
        assertNull(ch.readInbound());
        ch.writeInbound(bytes("\n"));
        assertEquals("exit", ((CommandFrame) ch.readInbound()).line());
        ch.finish();
    }

    @Test
    void bodyArrivingLater() {
        EslCommandDecoder d = new EslCommandDecoder();
        ByteBuf in = Unpooled.buffer();
        in.writeBytes("sendevent X\nContent-Length: 10\n\n0123".getBytes(StandardCharsets.UTF_8));
        assertNull(d.decodeOne(in));
        in.writeBytes("456789".getBytes(StandardCharsets.UTF_8));
        assertEquals("0123456789", d.decodeOne(in).body());
    }

    @Test
    void limitsAndMalformedInputAreProtocolErrors() {
        EslProtocolException tooLong = assertThrows(EslProtocolException.class,
                () -> new EslCommandDecoder(64, 100).decodeOne(bytes("api " + "x".repeat(100))));
        assertTrue(tooLong.getMessage().contains("64"), tooLong.getMessage());
        assertThrows(EslProtocolException.class, () -> new EslCommandDecoder(64, 4).decodeOne(bytes("sendevent X\nContent-Length: 5\n\nhello")));
        assertThrows(EslProtocolException.class, () -> new EslCommandDecoder().decodeOne(bytes("sendevent X\nContent-Length: -1\n\n")));
        assertThrows(EslProtocolException.class, () -> new EslCommandDecoder().decodeOne(bytes("sendmsg\nno colon here\n\n")));
    }

    @Test
    void afterAnErrorTheRestOfTheStreamIsDropped() {
        EmbeddedChannel ch = new EmbeddedChannel(new EslCommandDecoder(64, 10));
        assertThrows(DecoderException.class, () -> ch.writeInbound(bytes("sendevent X\nContent-Length: 99\n\n")));
        ch.writeInbound(bytes("api status\n\n"));
        assertNull(ch.readInbound());
    }

    @Test
    void passwordsAreMaskedInToString() {
        assertEquals("auth ********", new EslCommandDecoder().decodeOne(bytes("auth secret\n\n")).toString());
    }
}

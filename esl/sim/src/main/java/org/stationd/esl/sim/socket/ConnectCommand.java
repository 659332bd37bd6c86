package org.stationd.esl.sim.socket;

import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.event.EventBuilder;
import org.stationd.esl.sim.event.SimEvent;
import org.stationd.esl.sim.event.Sites;
import org.stationd.esl.codec.PercentDecoder;

/**
 * {@code connect} in outbound mode: the reply is one header block, the channel's data URL-encoded
 * (profile as Channel-*, basic data, Caller-*, variables), ending with Content-Type command/reply,
 * Reply-Text {@code +OK\n}, Socket-Mode and Control, exactly as capture 06 shows. In async mode
 * the socket application parks the channel one frame later.
 */
final class ConnectCommand {
    private ConnectCommand() {}

    static void run(EslConnection c) {
        Channel ch = c.session;
        EventBuilder b = c.core().events().create("CHANNEL_DATA", Sites.CHANNEL_DATA);
        if (ch != null) {
            if (ch.profile() != null) {
                ch.profile().writeTo("Channel", b);
            }
            ch.basicData(b);
            ch.variables(b);
        }
        b.add("Content-Type", "command/reply");
        b.add("Reply-Text", "+OK\n");
        b.add("Socket-Mode", c.async ? "async" : "static");
        b.add("Control", c.full ? "full" : "single-channel");
        SimEvent e = b.build();
        StringBuilder sb = new StringBuilder(4096);
        for (int i = 0; i < e.headerCount(); i++) {
            sb.append(e.headerName(i)).append(": ").append(PercentDecoder.encode(e.headerValue(i))).append('\n');
        }
        sb.append('\n');
        c.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!c.connected) {
            c.connected = true;
            if (ch != null) {
                SocketApps.connected(ch, c);
            }
        }
    }
}

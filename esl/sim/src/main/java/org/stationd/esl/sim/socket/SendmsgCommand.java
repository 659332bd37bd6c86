package org.stationd.esl.sim.socket;

import org.stationd.esl.sim.app.Message;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.codec.CommandFrame;

/** {@code sendmsg [<uuid>]} + headers: queue a command on a channel (its own channel in outbound mode). */
final class SendmsgCommand {
    private SendmsgCommand() {}

    static void run(EslConnection c, CommandFrame f) {
        String uuid = f.line().length() > 7 ? f.line().substring(7).trim() : "";
        if (uuid.isEmpty()) {
            String sid = f.header("session-id");
            uuid = sid == null ? "" : sid.trim();
        }
        if (c.session != null && uuid.equals(c.session.uuid())) {
            uuid = "";
        }
        Channel target;
        if (uuid.isEmpty() && c.session != null) {
            target = c.session;
        } else {
            target = uuid.isEmpty() ? null : c.core().channels().get(uuid);
            if (target == null || target.isDestroyed()) {
                c.reply("-ERR invalid session id [" + uuid + "]");
                return;
            }
        }
        target.runner().queue(Message.of(f));
        c.reply("+OK");
    }
}

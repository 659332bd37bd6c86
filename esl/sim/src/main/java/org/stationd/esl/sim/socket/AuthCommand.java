package org.stationd.esl.sim.socket;

import org.stationd.esl.sim.wire.Frames;

/** {@code auth <password>} and {@code userauth <user>@<domain>:<password>}; a wrong one ends the connection. */
final class AuthCommand {
    private AuthCommand() {}

    static void auth(EslConnection c, String password) {
        if (password.equals(c.core().options().password())) {
            c.setAuthed();
            c.reply("+OK accepted");
        } else {
            c.reply("-ERR invalid");
            c.goodbye();
        }
    }

    static void userauth(EslConnection c, String arg) {
        String user = arg;
        String domain = null;
        String pass = null;
        int at = user.indexOf('@');
        if (at >= 0) {
            domain = user.substring(at + 1);
            user = user.substring(0, at);
            int colon = domain.indexOf(':');
            if (colon >= 0) {
                pass = domain.substring(colon + 1);
                domain = domain.substring(0, colon);
            }
        }
        int colon = user.indexOf(':');
        if (colon >= 0) {
            pass = user.substring(colon + 1);
            user = user.substring(0, colon);
        }
        String expected = domain == null ? null : c.core().options().users().get(user + "@" + domain);
        if (user.isEmpty() || domain == null || domain.isEmpty() || expected == null || pass == null || !expected.equals(pass)) {
            c.reply("-ERR invalid");
            c.goodbye();
            return;
        }
        c.setAuthed();
        c.write(Frames.commandReply("+OK accepted", "Allowed-Events", "all", "Allowed-API", "all", "Allowed-LOG", "true"));
    }
}

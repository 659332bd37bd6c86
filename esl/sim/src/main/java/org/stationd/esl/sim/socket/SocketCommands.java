package org.stationd.esl.sim.socket;

import java.util.Locale;
import org.stationd.esl.codec.CommandFrame;

/**
 * Routes a command to its handler in mod_event_socket's order and with its prefix matching
 * ({@code strncasecmp}), so odd input gets the same answer FreeSWITCH gives, down to
 * {@code -ERR command not found}.
 */
final class SocketCommands {
    private SocketCommands() {}

    static void dispatch(EslConnection c, CommandFrame f) {
        String cmd = f.line();
        String lower = cmd.toLowerCase(Locale.ROOT);
        if (lower.startsWith("exit") || lower.startsWith("...")) {
            c.reply("+OK bye");
            c.goodbye();
            return;
        }
        if (!c.isAuthed()) {
            if (lower.startsWith("auth ")) {
                AuthCommand.auth(c, cmd.substring(5));
            } else if (lower.startsWith("userauth ")) {
                AuthCommand.userauth(c, cmd.substring(9));
            } else {
                c.reply("-ERR command not found");
            }
            return;
        }
        if (lower.startsWith("filter ")) {
            FilterCommand.run(c, cmd.substring(7));
            return;
        }
        if (c.session != null && lower.startsWith("resume")) {
            c.resume = true;
            c.session.vars().set("socket_resume", "true");
            c.reply("+OK");
            return;
        }
        if (c.session != null || lower.startsWith("myevents ")) {
            if (lower.startsWith("connect")) {
                ConnectCommand.run(c);
                return;
            }
            if (lower.startsWith("getvar")) {
                int sp = cmd.indexOf(' ');
                String v = sp < 0 || c.session == null ? "" : c.session.vars().get(cmd.substring(sp + 1).trim());
                c.reply(v == null ? "" : v);
                return;
            }
            if (lower.startsWith("myevents")) {
                MyeventsCommand.run(c, cmd);
                return;
            }
        }
        if (lower.startsWith("divert_events")) {
            c.reply(c.session == null ? "-ERR not controlling a session." : "+OK events diverted");
            return;
        }
        if (lower.startsWith("sendmsg")) {
            SendmsgCommand.run(c, f);
            return;
        }
        if (c.outbound && !c.full) {
            c.reply("-ERR command not found");
            return;
        }
        if (lower.startsWith("sendevent")) {
            SendeventCommand.run(c, f);
        } else if (lower.startsWith("api ")) {
            ApiSocketCommand.run(c, cmd.substring(4), f);
        } else if (lower.startsWith("bgapi ")) {
            BgapiCommand.run(c, cmd.substring(6), f);
        } else if (lower.startsWith("log")) {
            log(c, cmd);
        } else if (lower.startsWith("linger")) {
            linger(c, cmd);
        } else if (lower.startsWith("nolinger")) {
            if (c.session == null) {
                c.reply("-ERR not controlling a session");
            } else {
                c.linger = false;
                c.reply("+OK will not linger");
            }
        } else if (lower.startsWith("nolog")) {
            if (c.logging) {
                c.logging = false;
                c.reply("+OK no longer logging");
            } else {
                c.reply("-ERR not loging");
            }
        } else if (lower.startsWith("event")) {
            EventCommand.run(c, cmd);
        } else if (lower.startsWith("nixevent")) {
            NixeventCommand.run(c, cmd);
        } else if (lower.startsWith("noevents")) {
            if (c.subscription.on) {
                c.subscription.clear();
                c.reply("+OK no longer listening for events");
            } else {
                c.reply("-ERR not listening for events");
            }
        } else {
            c.reply("-ERR command not found");
        }
    }

    private static final String[] LEVELS = {"console", "alert", "crit", "err", "warning", "notice", "info", "debug"};

    private static void log(EslConnection c, String cmd) {
        String arg = cmd.length() > 4 ? cmd.substring(4).trim() : "";
        int level = 7;
        if (!arg.isEmpty()) {
            level = -1;
            if (arg.chars().allMatch(Character::isDigit)) {
                level = Math.min(7, Integer.parseInt(arg));
            } else {
                for (int i = 0; i < LEVELS.length; i++) {
                    if (LEVELS[i].equalsIgnoreCase(arg) || (arg.equalsIgnoreCase("error") && i == 3) || (arg.equalsIgnoreCase("warn") && i == 4)) {
                        level = i;
                    }
                }
            }
        }
        if (level < 0) {
            c.reply("-ERR invalid log level");
            return;
        }
        c.logging = true;
        c.logLevel = level;
        c.reply("+OK log level " + arg + " [" + level + "]");
    }

    private static void linger(EslConnection c, String cmd) {
        if (c.session == null) {
            c.reply("-ERR not controlling a session");
            return;
        }
        long seconds = -1;
        if (cmd.length() > 7 && cmd.charAt(6) == ' ') {
            try {
                seconds = Long.parseLong(cmd.substring(7).trim());
            } catch (NumberFormatException e) {
                seconds = 0;
            }
        }
        c.linger = true;
        c.lingerSeconds = seconds;
        c.reply(seconds != -1 ? "+OK will linger " + seconds + " seconds" : "+OK will linger");
    }
}

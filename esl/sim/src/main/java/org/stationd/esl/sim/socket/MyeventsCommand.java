package org.stationd.esl.sim.socket;

import org.stationd.esl.command.EventFormat;

/** {@code myevents [format]} in outbound mode, {@code myevents <uuid> [format]} inbound: that channel's events only. */
final class MyeventsCommand {
    private MyeventsCommand() {}

    static void run(EslConnection c, String cmd) {
        Subscription s = c.subscription;
        if (s.myevents) {
            c.reply("-ERR aready enabled.");
            return;
        }
        String target = c.session != null ? c.session.uuid() : null;
        if (c.session == null) {
            String rest = cmd.length() > 9 ? cmd.substring(9).trim() : "";
            String uuid = rest;
            String fmt = null;
            int sp = rest.indexOf(' ');
            if (sp >= 0) {
                uuid = rest.substring(0, sp);
                fmt = rest.substring(sp + 1).trim();
            }
            if (c.core().channels().get(uuid) == null && fmt != null) {
                c.reply("-ERR invalid uuid");
                return;
            }
            target = uuid;
        }
        for (String t : EventNames.MYEVENTS) {
            s.enable(t);
        }
        s.myevents = true;
        s.myUuid = target;
        s.on = true;
        if (cmd.contains("xml") || cmd.contains("XML")) {
            s.format = EventFormat.XML;
        }
        if (cmd.contains("json") || cmd.contains("JSON")) {
            s.format = EventFormat.JSON;
        }
        c.reply("+OK Events Enabled");
    }
}

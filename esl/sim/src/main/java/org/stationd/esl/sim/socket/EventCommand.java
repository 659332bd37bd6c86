package org.stationd.esl.sim.socket;

import org.stationd.esl.command.EventFormat;

/** {@code event [plain|json|xml] <names…> [CUSTOM <subclass…>]}. */
final class EventCommand {
    private EventCommand() {}

    static void run(EslConnection c, String cmd) {
        int keys = 0;
        boolean custom = false;
        int sp = cmd.indexOf(' ');
        if (sp >= 0) {
            String[] words = cmd.substring(sp + 1).split(" ", -1);
            for (int i = 0; i < words.length; i++) {
                String w = words[i];
                if (i == 0) {
                    if (w.equalsIgnoreCase("xml")) {
                        c.subscription.format = EventFormat.XML;
                        continue;
                    } else if (w.equalsIgnoreCase("plain")) {
                        c.subscription.format = EventFormat.PLAIN;
                        continue;
                    } else if (w.equalsIgnoreCase("json")) {
                        c.subscription.format = EventFormat.JSON;
                        continue;
                    }
                }
                if (w.isEmpty()) {
                    continue;
                }
                if (custom) {
                    c.subscription.enableSubclass(w);
                    continue;
                }
                String type = EventNames.canonical(w);
                if (type != null) {
                    keys++;
                    c.subscription.enable(type);
                    if (type.equals("CUSTOM")) {
                        custom = true;
                    }
                }
            }
        }
        if (keys == 0) {
            c.reply("-ERR no keywords supplied");
            return;
        }
        c.subscription.on = true;
        c.reply("+OK event listener enabled " + c.subscription.format.wireName());
    }
}

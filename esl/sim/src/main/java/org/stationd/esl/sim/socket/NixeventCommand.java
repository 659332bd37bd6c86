package org.stationd.esl.sim.socket;

/** {@code nixevent <names…> [CUSTOM <subclass…>]}: stop receiving those. */
final class NixeventCommand {
    private NixeventCommand() {}

    static void run(EslConnection c, String cmd) {
        int keys = 0;
        boolean custom = false;
        int sp = cmd.indexOf(' ');
        if (sp >= 0) {
            for (String w : cmd.substring(sp + 1).split(" ")) {
                if (w.isEmpty()) {
                    continue;
                }
                if (custom) {
                    c.subscription.disableSubclass(w);
                    continue;
                }
                String type = EventNames.canonical(w);
                if (type != null) {
                    keys++;
                    if (type.equals("CUSTOM")) {
                        custom = true;
                    } else {
                        c.subscription.disable(type);
                    }
                }
            }
        }
        if (keys == 0) {
            c.reply("-ERR no keywords supplied");
            return;
        }
        c.subscription.on = true;
        c.reply("+OK events nixed");
    }
}

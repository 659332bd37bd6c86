package org.stationd.esl.sim.socket;

/** {@code filter <header> <value>}, {@code filter delete <header> [<value>]}, {@code filter delete all}. */
final class FilterCommand {
    private FilterCommand() {}

    static void run(EslConnection c, String rest) {
        String name = rest.stripLeading();
        String value = null;
        int sp = name.indexOf(' ');
        if (sp >= 0) {
            value = name.substring(sp + 1);
            name = name.substring(0, sp);
        }
        if (name.equalsIgnoreCase("delete") && value != null) {
            String header = value;
            String val = null;
            int sp2 = header.indexOf(' ');
            if (sp2 >= 0) {
                val = header.substring(sp2 + 1);
                header = header.substring(0, sp2);
            }
            if (header.equalsIgnoreCase("all")) {
                c.filters.clear();
            } else {
                c.filters.delete(header, val);
            }
            c.reply("+OK filter deleted. [" + header + "][" + (val == null ? "" : val) + "]");
        } else if (value != null) {
            if (name.equalsIgnoreCase("add")) {
                String header = value;
                String val = null;
                int sp2 = header.indexOf(' ');
                if (sp2 >= 0) {
                    val = header.substring(sp2 + 1);
                    header = header.substring(0, sp2);
                }
                if (val == null) {
                    c.reply("-ERR invalid syntax");
                    return;
                }
                name = header;
                value = val;
            }
            c.filters.add(name, value);
            c.reply("+OK filter added. [" + name + "]=[" + value + "]");
        } else {
            c.reply("-ERR invalid syntax");
        }
    }
}

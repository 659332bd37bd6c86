package org.stationd.programs;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stationd.testing.Show;

/** What news-relay.js stations said and sent, read the same way on the simulator and on the real switch. */
public final class NewsRelayLines {
    private NewsRelayLines() {
    }

    /** The stations that became master, in order. */
    public static List<String> masters(Show show) {
        return show.lines().stream().filter(l -> l.contains(" log master now")).map(l -> l.substring(0, l.indexOf(' '))).toList();
    }

    /** The position the station moved the conference's file to ({@code conference <room> file_seek <ms>}). */
    public static Long seekMillis(Show show, String station) {
        return show.apiCommands(station).stream().filter(c -> c.contains(" file_seek "))
                .map(c -> Long.parseLong(c.substring(c.lastIndexOf(' ') + 1))).findFirst().orElse(null);
    }

    /** Where the station said it started the report when it became master, in seconds. */
    public static double resumedFrom(Show show, String station) {
        for (String l : show.lines()) {
            Matcher m = Pattern.compile(Pattern.quote(station) + " log master now; playing the report from ([0-9.]+) s").matcher(l);
            if (m.matches()) return Double.parseDouble(m.group(1));
        }
        throw new AssertionError("no takeover line for " + station);
    }
}

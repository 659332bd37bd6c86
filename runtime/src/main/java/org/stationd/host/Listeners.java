package org.stationd.host;

import java.util.List;
import org.stationd.api.ProgramError;
import org.stationd.station.StationListener;

/** Tells several listeners (console, PUB socket, tests) the same thing; one failing listener does not silence the others. */
final class Listeners implements StationListener {
    private final List<StationListener> all;

    Listeners(List<StationListener> all) {
        this.all = List.copyOf(all);
    }

    private void each(java.util.function.Consumer<StationListener> c) {
        for (StationListener l : all) {
            try {
                c.accept(l);
            } catch (RuntimeException ignored) {
                // a broken listener must not take a station down
            }
        }
    }

    @Override public void programLoaded(String s, String p, String v) { each(l -> l.programLoaded(s, p, v)); }
    @Override public void stateChanged(String s, String p, String f, String t) { each(l -> l.stateChanged(s, p, f, t)); }
    @Override public void callEvent(String s, String c, String w) { each(l -> l.callEvent(s, c, w)); }
    @Override public void programError(String s, String p, ProgramError e) { each(l -> l.programError(s, p, e)); }
    @Override public void log(String s, String p, String st, String lv, String m) { each(l -> l.log(s, p, st, lv, m)); }
}

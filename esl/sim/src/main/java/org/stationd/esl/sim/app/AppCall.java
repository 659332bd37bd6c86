package org.stationd.esl.sim.app;

/** An application and its argument, as in a dialplan {@code <action application="…" data="…"/>}. */
public record AppCall(String name, String arg) {
    public AppCall {
        arg = arg == null ? "" : arg;
    }

    /** "playback /x.wav" → (playback, /x.wav). */
    public static AppCall parse(String text) {
        String t = text.trim();
        int sp = t.indexOf(' ');
        return sp < 0 ? new AppCall(t, "") : new AppCall(t.substring(0, sp), t.substring(sp + 1).trim());
    }

    @Override
    public String toString() {
        return arg.isEmpty() ? name : name + " " + arg;
    }
}

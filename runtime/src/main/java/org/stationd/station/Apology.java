package org.stationd.station;

import java.util.function.BiConsumer;
import org.stationd.call.CallLeg;

/**
 * No caller is left in silence: a listener's call that the program cannot take (no handler for it in
 * the state the station is in, no program on air) or that a handler failed on without the program's
 * {@code onError} doing anything about it hears the station's apology, then is hung up. Only calls
 * that came in are apologised to: the transmitter and the calls a program placed are its own.
 */
final class Apology {
    /** The media file played: {@code apology:} in stations.yaml, made from prompts.yaml by default. */
    static final String DEFAULT_FILE = "apology.wav";

    private volatile String file = DEFAULT_FILE;

    void file(String name) {
        file = name == null || name.isBlank() ? DEFAULT_FILE : name;
    }

    String file() {
        return file;
    }

    /** Answers (if it still rings), plays the apology, hangs up; {@code log} hears (level, message) why. Station thread. */
    void apologise(CallLeg leg, String why, BiConsumer<String, String> log) {
        if (leg == null || leg.isEnded() || !"inbound".equals(leg.getDirection())) return;
        log.accept("warn", "caller " + leg.getFrom() + ": " + why + "; the station played its apology (" + file + ") and hung up");
        try {
            if ("ringing".equals(leg.getState())) leg.answer();
            leg.play(file);
            leg.hangup();   // queued behind the apology: the caller hears it to the end
        } catch (RuntimeException e) {
            log.accept("error", "could not apologise to " + leg.getFrom() + " (" + e.getMessage() + "); hanging up");
            try {
                leg.hangup();
            } catch (RuntimeException gone) {
                // the call is gone already
            }
        }
    }
}

package org.stationd.verb;

import java.util.UUID;
import java.util.function.Consumer;
import org.stationd.switchlink.SwitchLink;

/** What verbs need from their station: the switch, where media lives, how conferences are named, and how to report a failed command. */
public interface VerbContext {
    SwitchLink link();

    /** A file name from a script as the switch should see it: relative names resolve in the station's media folder. */
    String media(String file);

    /** Where a recording is written; its folder exists when this returns (the switch does not make folders). */
    String recording(String file);

    /** The switch's conference name for a program's conference name. */
    String conferenceName(String name);

    /** Text-to-speech engine and voice for {@code speak}, e.g. {@code flite|kal}. */
    String ttsVoice();

    /** Reports a command the switch refused, as a program error on the station's thread. */
    Consumer<Throwable> failures(String what);

    /** Counts a program's argument refused by a limit (the verb throws it afterwards). */
    default void refused(org.stationd.limits.LimitException e) {}

    default String newUuid() {
        return UUID.randomUUID().toString();
    }
}

package org.stationd.esl.sim.dialplan;

import java.util.ArrayList;
import java.util.List;
import org.stationd.esl.sim.app.AppCall;

/** A dialplan extension: the applications a channel runs when it is routed to {@code name}. */
public record Extension(String name, List<AppCall> apps) {
    public Extension {
        apps = List.copyOf(apps);
    }

    /**
     * An extension whose channel acts as a phone that behaves so: a loopback call's B leg that
     * answers after so long (and stays, as the bundled switch's {@code tx<N>} does), rings for
     * ever, or refuses with a cause. A replay routes a recorded loopback call's far end with it.
     */
    public static Extension phone(String name, PhoneBehaviour b) {
        List<AppCall> apps = new ArrayList<>();
        if (b.failCause() != null) {
            if (b.ringMillisBeforeFail() > 0) apps.add(new AppCall("sleep", String.valueOf(b.ringMillisBeforeFail())));
            apps.add(new AppCall("hangup", b.failCause().name()));
        } else if (b.answerAfterMillis() < 0) {
            apps.add(new AppCall("ring_ready", ""));
            apps.add(new AppCall("park", ""));
        } else {
            if (b.answerAfterMillis() > 0) apps.add(new AppCall("sleep", String.valueOf(b.answerAfterMillis())));
            apps.add(new AppCall("answer", ""));
            if (b.hangupAfterMillis() >= 0) {
                apps.add(new AppCall("sleep", String.valueOf(b.hangupAfterMillis())));
                apps.add(new AppCall("hangup", "NORMAL_CLEARING"));
            } else {
                apps.add(new AppCall("park", ""));
            }
        }
        return new Extension(name, apps);
    }
}

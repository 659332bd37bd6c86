package org.stationd.esl.sim.dialplan;

import java.util.List;
import org.stationd.esl.sim.app.AppCall;

/** A dialplan extension: the applications a channel runs when it is routed to {@code name}. */
public record Extension(String name, List<AppCall> apps) {
    public Extension {
        apps = List.copyOf(apps);
    }
}

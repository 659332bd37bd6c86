package org.stationd.station;

import java.util.function.Consumer;
import org.stationd.limits.LimitException;
import org.stationd.limits.Refusals;
import org.stationd.switchlink.CallGoneException;
import org.stationd.switchlink.SwitchLink;
import org.stationd.verb.VerbContext;

/** What the verbs of one station use: its link to the switch, its files, and where their failures and refusals go. */
final class StationVerbContext implements VerbContext {
    private final StationContext station;
    private final SwitchLink link;
    private final StationFiles files;
    private final StationServices services;
    private final Refusals refusals;

    StationVerbContext(StationContext station, SwitchLink link, StationFiles files, StationServices services, Refusals refusals) {
        this.station = station;
        this.link = link;
        this.files = files;
        this.services = services;
        this.refusals = refusals;
    }

    @Override public SwitchLink link() { return link; }
    @Override public String media(String file) { return files.media(file); }
    @Override public String recording(String file) { return files.recordingTarget(file, why -> station.failed("record", why)); }
    @Override public String conferenceName(String name) { return StationConference.switchName(station.id(), name); }
    @Override public String ttsVoice() { return services.ttsVoice(); }
    @Override public String newUuid() { return services.ids().get(); }
    @Override public void refused(LimitException e) { refusals.counted(e); }

    @Override
    public Consumer<Throwable> failures(String what) {
        return e -> station.onStation(() -> {
            if (CallGoneException.in(e)) {   // e.g. a record ended by the caller's hangup, reported before it: the hangup follows
                station.log("debug", what + " not done: the call had already ended on the switch");
            } else {
                station.failed(what, e.getMessage());
            }
        });
    }
}

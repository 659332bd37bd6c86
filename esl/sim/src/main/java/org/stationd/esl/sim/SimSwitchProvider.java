package org.stationd.esl.sim;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stationd.esl.embedded.EmbeddedSwitch;
import org.stationd.esl.embedded.SteppedClock;
import org.stationd.esl.embedded.SwitchProvider;
import org.stationd.esl.embedded.SwitchSpec;
import org.stationd.esl.sim.app.AppCall;
import org.stationd.esl.sim.clock.SimClock;
import org.stationd.esl.sim.clock.VirtualClock;
import org.stationd.esl.sim.dialplan.Dialplan;
import org.stationd.esl.sim.dialplan.DialplanLoader;
import org.stationd.esl.sim.dialplan.Extension;
import org.stationd.esl.sim.dialplan.PhoneRouting;

/** {@code switch: sim}: the simulated FreeSWITCH, as the host, {@code ./stationd sim} and replays start it. */
public final class SimSwitchProvider implements SwitchProvider {
    /** Where FreeSWITCH keeps its sounds; {@link SwitchSpec#sounds()} stands for it. */
    static final String FS_SOUNDS = "/usr/local/freeswitch/share/freeswitch/sounds";

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public EmbeddedSwitch start(SwitchSpec spec) {
        SimSwitch sim = SimSwitch.start(options(spec));
        PhoneRouting.scripts(spec.phones()).forEach(sim::script);
        return sim;
    }

    @Override
    public SteppedClock virtualClock(Instant start) {
        return new VirtualClock(start);
    }

    @Override
    public void readDialplan(String text, Path folder) {
        DialplanLoader.parse(text, folder);
    }

    /** The simulator's own options for a spec: the dialplan with the spec's phones and parked lines. */
    public static SimOptions options(SwitchSpec spec) {
        SimOptions o = SimOptions.defaults().withHost(spec.host()).withPort(spec.port()).withPassword(spec.password()).withZone(spec.zone());
        if (spec.sounds() != null) {
            o = o.withSounds(FS_SOUNDS, spec.sounds());
        }
        if (spec.clock() != null) {
            if (!(spec.clock() instanceof SimClock c)) {
                throw new IllegalArgumentException("the simulated switch runs on its own clocks (SwitchProvider.virtualClock), not " + spec.clock());
            }
            o = o.withClock(c);
        }
        if (spec.phones().isEmpty() && spec.parked().isEmpty()) {
            return spec.dialplan() == null ? o : o.withDialplan(spec.dialplan());
        }
        return o.withDialplan(dialplan(spec));
    }

    private static Dialplan dialplan(SwitchSpec spec) {
        Dialplan d = PhoneRouting.route(spec.dialplan() != null ? DialplanLoader.load(spec.dialplan()) : DialplanLoader.defaults(), spec.phones());
        Map<String, Extension> lines = new LinkedHashMap<>();
        spec.parked().forEach(to -> lines.put(to, new Extension(to, List.of(new AppCall("park", "")))));
        return lines.isEmpty() ? d : d.withExtensions(d.setting("incoming_context", "default"), lines);
    }
}

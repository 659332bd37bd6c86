package org.stationd.esl.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.channel.HangupCause;
import org.stationd.esl.sim.event.EventBuilder;
import org.stationd.esl.sim.event.SimEvent;
import org.stationd.esl.sim.event.Sites;
import org.stationd.esl.sim.socket.EslConnection;
import org.stationd.esl.sim.wire.Frames;

/**
 * {@code fsctl shutdown} as capture 09 shows it: a last HEARTBEAT, then SHUTDOWN, every call hung
 * up with SYSTEM_SHUTDOWN, modules unloading (MODULE_UNLOAD events), every connection told "The
 * system is being shut down." (with one more event still slipping out after that notice) and
 * closed, and the port closed. Optionally the switch starts again later, with a new Core-UUID.
 */
final class Shutdown {
    private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

    private final SwitchCore core;
    private boolean inProgress;

    Shutdown(SwitchCore core) {
        this.core = core;
    }

    /** Begins the shutdown; {@code restartAfter} null stays down. Completes when the switch is down. */
    CompletableFuture<Void> begin(Duration restartAfter, CompletableFuture<Void> backUp) {
        CompletableFuture<Void> down = new CompletableFuture<>();
        if (inProgress || !core.isUp()) {
            down.complete(null);
            return down;
        }
        inProgress = true;
        var clock = core.clock();
        List<String[]> modules = modules();
        clock.schedule(60, core::heartbeat);
        clock.schedule(540, () -> {
            core.events().create("SHUTDOWN", Sites.SHUTDOWN).add("Event-Info", "System Shutting Down").fire();
            for (Channel ch : core.channels().all()) {
                ch.hangup(HangupCause.SYSTEM_SHUTDOWN);
            }
            int first = Math.min(10, modules.size());
            for (int i = 0; i < first; i++) {
                unload(modules.get(i)).fire();
            }
        });
        clock.schedule(1040, () -> {
            int first = Math.min(10, modules.size());
            for (int i = first; i < modules.size() - 1; i++) {
                unload(modules.get(i)).fire();
            }
            SimEvent last = modules.isEmpty() ? null : unload(modules.get(modules.size() - 1)).build();
            core.stopTimers();
            for (EslConnection c : core.server().connections()) {
                c.killWithTrailer(Frames.SHUTTING_DOWN, last);
            }
            core.server().unbind();
            inProgress = false;
            down.complete(null);
            if (restartAfter != null) {
                clock.schedule(Math.max(0, restartAfter.toMillis()), () -> {
                    try {
                        core.reboot();
                        core.server().bind(core.options().host(), core.server().port());
                        backUp.complete(null);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        backUp.completeExceptionally(e);
                    } catch (RuntimeException e) {
                        log.error("simulated switch could not come back", e);
                        backUp.completeExceptionally(e);
                    }
                });
            }
        });
        return down;
    }

    private EventBuilder unload(String[] row) {
        EventBuilder b = core.events().create("MODULE_UNLOAD", new org.stationd.esl.sim.event.CallSite(
                "switch_loadable_module.c", "switch_loadable_module_unprocess", Integer.parseInt(row[0])));
        for (int i = 1; i < row.length; i++) {
            int eq = row[i].indexOf('=');
            if (eq > 0) {
                b.add(row[i].substring(0, eq), row[i].substring(eq + 1));
            }
        }
        return b;
    }

    /** The module list of capture 09: line number, then name=value pairs. */
    private static List<String[]> modules() {
        List<String[]> rows = new ArrayList<>();
        for (String line : SwitchCore.resource("module_unload.tsv").split("\n")) {
            if (!line.isBlank()) {
                rows.add(line.split("\t"));
            }
        }
        return rows;
    }
}

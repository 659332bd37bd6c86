package org.stationd.esl.sim.socket;

import org.stationd.esl.sim.app.AppRun;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.event.Sites;

/** Glue between a channel's running {@code socket} application and its outbound connection. */
final class SocketApps {
    private SocketApps() {}

    static AppRun socketRun(Channel ch) {
        for (AppRun r : ch.runner().running()) {
            if (r.app() instanceof SocketApplication) {
                return r;
            }
        }
        return null;
    }

    /** The client sent {@code connect}: in async mode the application parks the channel on the next frame. */
    static void connected(Channel ch, EslConnection c) {
        AppRun run = socketRun(ch);
        if (run == null || !c.async) {
            return;
        }
        run.after(Channel.FRAME_MS, () -> {
            if (!ch.isDown()) {
                ((SocketApplication.State) run.state).parked = true;
                ch.fire("CHANNEL_PARK", Sites.CHANNEL_PARK);
                ch.runner().poke(Channel.FRAME_MS);
            }
        });
    }

    /** The socket closed after {@code resume}: the dialplan goes on. */
    static void resume(Channel ch) {
        AppRun run = socketRun(ch);
        if (run != null) {
            ch.runner().interrupt(run);
        }
    }
}

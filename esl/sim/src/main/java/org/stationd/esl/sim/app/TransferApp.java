package org.stationd.esl.sim.app;

import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.channel.ChannelState;
import org.stationd.esl.sim.channel.HangupCause;
import org.stationd.esl.sim.dialplan.Extension;

/** {@code transfer <extension> [<dialplan> [<context>]]}: the channel leaves what it runs and routes to another extension. */
public final class TransferApp implements Application {
    @Override
    public String name() {
        return "transfer";
    }

    @Override
    public void start(AppRun run) {
        String[] a = run.arg().trim().split(" +");
        Channel ch = run.channel();
        String ctx = a.length > 2 ? a[2] : (ch.profile() == null ? "default" : ch.profile().context);
        // breaking everything that runs completes this application too
        transfer(ch, a[0], ctx);
    }

    /** Shared with uuid_transfer: new destination in the caller profile, ROUTING, then the extension. */
    public static boolean transfer(Channel ch, String dest, String context) {
        if (ch.isDown()) {
            return false;
        }
        Extension ext = ch.core().dialplan().lookup(context, dest);
        ch.runner().breakAll();
        if (ch.profile() != null) {
            ch.profile().transferSource = ch.profile().destinationNumber;
            ch.profile().destinationNumber = dest;
            ch.profile().context = context;
            ch.profile().transfer = ch.core().clock().nowMicros();
            ch.profile().profileIndex++;
        }
        ch.vars().set("transfer_source", ch.core().clock().nowMicros() / 1_000_000 + ":" + ch.uuid() + ":bl_xfer:" + dest + "/" + context + "/XML");
        if (ext == null) {
            ch.hangup(HangupCause.NO_ROUTE_DESTINATION);
            return true;
        }
        ch.setState(ChannelState.CS_ROUTING);
        ch.setRunning(ChannelState.CS_ROUTING);
        ch.runner().startExtension(ext.apps());
        return true;
    }
}

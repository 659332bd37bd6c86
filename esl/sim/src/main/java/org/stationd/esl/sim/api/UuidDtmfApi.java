package org.stationd.esl.sim.api;

import java.util.concurrent.CompletableFuture;
import org.stationd.esl.sim.channel.Channel;

/**
 * {@code uuid_send_dtmf <uuid> <digits>[@<ms>]} (the digits go out to the far end; through
 * loopback they arrive on the other leg) and {@code uuid_recv_dtmf <uuid> <digits>} (the channel
 * receives them as if the caller pressed them).
 */
final class UuidDtmfApi implements ApiCommand {
    private final boolean send;

    UuidDtmfApi(boolean send) {
        this.send = send;
    }

    @Override
    public String name() {
        return send ? "uuid_send_dtmf" : "uuid_recv_dtmf";
    }

    @Override
    public CompletableFuture<String> execute(ApiRequest r) {
        String uuid = r.arg(0);
        String digits = r.arg(1);
        if (uuid == null || digits == null) {
            return CompletableFuture.completedFuture("-USAGE: <uuid> <dtmf_data>\n");
        }
        Channel ch = r.core().channels().get(uuid);
        if (ch == null || ch.isDown()) {
            return CompletableFuture.completedFuture("-ERR no such session\n");
        }
        String d = digits.contains("@") ? digits.substring(0, digits.indexOf('@')) : digits;
        if (send) {
            ch.vars().set("last_dtmf_duration", "1000");
            ch.driver().dtmfSent(ch, d);
            return CompletableFuture.completedFuture("+OK " + uuid + " sent DTMF " + digits + ".\n");
        }
        ch.receiveDtmfLater(d, 2000, "APP", Channel.FRAME_MS);
        return CompletableFuture.completedFuture("+OK " + uuid + " received DTMF " + digits + ".\n");
    }
}

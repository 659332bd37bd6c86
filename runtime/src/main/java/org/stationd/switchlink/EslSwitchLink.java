package org.stationd.switchlink;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.session.ApiResponse;

/** {@link SwitchLink} over the inbound ESL client. A refused sendmsg ({@code -ERR …}) fails the future ({@link CallGoneException} when the call has gone). */
public final class EslSwitchLink implements SwitchLink {
    private final EslClient client;
    /** Where answers complete (a station's queue), or null: the client's callbacks thread. */
    private final Executor origin;

    public EslSwitchLink(EslClient client) {
        this(client, null);
    }

    private EslSwitchLink(EslClient client, Executor origin) {
        this.client = client;
        this.origin = origin;
    }

    @Override
    public SwitchLink answeringOn(Executor origin) {
        return new EslSwitchLink(client, origin);
    }

    @Override
    public CompletableFuture<ApiResponse> api(String command) {
        return client.api(command, origin);
    }

    @Override
    public CompletableFuture<ApiResponse> bgapi(String command) {
        return client.bgapi(command, origin).result();
    }

    @Override
    public Boolean hasSpeechEngine(String engine) {
        return SpeechEngines.of(client).has(engine);
    }

    @Override
    public CompletableFuture<Void> sendmsg(String uuid, SendMsg msg) {
        return client.sendmsg(uuid, msg, origin).thenAccept(reply -> {
            if (!reply.isOk()) {
                String why = "sendmsg to " + uuid + " refused: " + reply.replyText();
                throw CallGoneException.isReply(reply.replyText()) ? new CallGoneException(why) : new IllegalStateException(why);
            }
        });
    }
}

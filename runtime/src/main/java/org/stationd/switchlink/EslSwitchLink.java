package org.stationd.switchlink;

import java.util.concurrent.CompletableFuture;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.session.ApiResponse;

/** {@link SwitchLink} over the inbound ESL client. A refused sendmsg ({@code -ERR …}) fails the future ({@link CallGoneException} when the call has gone). */
public final class EslSwitchLink implements SwitchLink {
    private final EslClient client;

    public EslSwitchLink(EslClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<ApiResponse> api(String command) {
        return client.api(command);
    }

    @Override
    public CompletableFuture<ApiResponse> bgapi(String command) {
        return client.bgapi(command).result();
    }

    @Override
    public Boolean hasSpeechEngine(String engine) {
        return SpeechEngines.of(client).has(engine);
    }

    @Override
    public CompletableFuture<Void> sendmsg(String uuid, SendMsg msg) {
        return client.sendmsg(uuid, msg).thenAccept(reply -> {
            if (!reply.isOk()) {
                String why = "sendmsg to " + uuid + " refused: " + reply.replyText();
                throw CallGoneException.isReply(reply.replyText()) ? new CallGoneException(why) : new IllegalStateException(why);
            }
        });
    }
}

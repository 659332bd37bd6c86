package org.stationd.switchlink;

import java.util.concurrent.CompletableFuture;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.session.ApiResponse;

/**
 * A link that passes everything to another one: a wrapper (the event-log tap, the originate pacer)
 * overrides only what it changes, and a method added to {@link SwitchLink} is forwarded here once
 * instead of being silently answered by its default in each wrapper.
 */
public abstract class ForwardingSwitchLink implements SwitchLink {
    protected final SwitchLink inner;

    protected ForwardingSwitchLink(SwitchLink inner) {
        this.inner = inner;
    }

    @Override
    public CompletableFuture<ApiResponse> api(String command) {
        return inner.api(command);
    }

    @Override
    public CompletableFuture<ApiResponse> bgapi(String command) {
        return inner.bgapi(command);
    }

    @Override
    public CompletableFuture<Void> sendmsg(String uuid, SendMsg msg) {
        return inner.sendmsg(uuid, msg);
    }

    /**
     * Refused: a wrapper shared by stations (the pacer) wraps each station's view again; a
     * station's own wrapper (the tap) is made over that view and never asked.
     */
    @Override
    public SwitchLink answeringOn(java.util.concurrent.Executor origin) {
        throw new UnsupportedOperationException(getClass().getName() + " does not say how to answer on a station's queue");
    }

    @Override
    public Boolean hasSpeechEngine(String engine) {
        return inner.hasSpeechEngine(engine);
    }
}

package org.stationd.esl.outbound;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.codec.EslFrame;
import org.stationd.esl.dispatch.EventDispatcher;
import org.stationd.esl.session.EslSession;
import org.stationd.esl.session.SessionListener;

/** The per-connection side of an outbound session: its dispatcher, its disconnect notices, its end. */
final class OutboundEvents implements SessionListener {
    private static final Logger log = LoggerFactory.getLogger(OutboundEvents.class);

    private final EventDispatcher dispatcher;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Consumer<String> noticeHandler = d -> {};

    OutboundEvents(String name) {
        // one lane: all events are about this call and must stay in order; virtual, so 1,000 calls cost no 1,000 threads
        this.dispatcher = new EventDispatcher(name, 1, 4096, true);
    }

    EventDispatcher dispatcher() {
        return dispatcher;
    }

    CompletableFuture<Void> closed() {
        return closed;
    }

    void onNotice(Consumer<String> handler) {
        noticeHandler = handler;
    }

    @Override
    public void onDisconnectNotice(EslSession session, EslFrame notice) {
        String disposition = notice.header("Content-Disposition") == null ? "disconnect" : notice.header("Content-Disposition");
        log.debug("outbound session {}: disconnect notice ({})", session.channel().remoteAddress(), disposition);
        // On the call's lane, not the event loop: after the events before it (the hangup's), and
        // free to wait for a command (e.g. exit().join()), whose reply the event loop must read.
        dispatcher.execute(() -> {
            try {
                noticeHandler.accept(disposition);
            } catch (RuntimeException e) {
                log.error("disconnect-notice handler failed", e);
            }
        });
    }

    @Override
    public void onClosed(EslSession session, Throwable cause) {
        // complete once the listeners have had every event and notice, then let the lane end
        dispatcher.execute(() -> closed.complete(null));
        dispatcher.close();
    }
}

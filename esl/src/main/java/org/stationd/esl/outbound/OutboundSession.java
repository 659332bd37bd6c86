package org.stationd.esl.outbound;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.stationd.esl.command.EslCommands;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.dispatch.EventListener;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.session.ApiResponse;
import org.stationd.esl.session.CommandReply;
import org.stationd.esl.session.EslSession;

/**
 * One outbound-socket connection: one call. {@link #channelData()} is what FreeSWITCH sent in
 * reply to {@code connect}; commands need no uuid ({@code sendmsg} applies to this call).
 *
 * <pre>{@code
 * server = EslOutboundServer.start(8084, s -> {
 *     s.myevents().join();
 *     s.linger().join();
 *     s.execute(SendMsg.execute("answer"));
 *     s.execute(SendMsg.execute("playback", "/sounds/hello.wav"));
 * });
 * }</pre>
 */
public final class OutboundSession {
    private final EslSession session;
    private final EslEvent channelData;
    private final OutboundEvents events;

    OutboundSession(EslSession session, EslEvent channelData, OutboundEvents events) {
        this.session = session;
        this.channelData = channelData;
        this.events = events;
    }

    public EslEvent channelData() {
        return channelData;
    }

    public String uuid() {
        return channelData.uniqueId();
    }

    public void addListener(EventListener listener) {
        events.dispatcher().addListener(listener);
    }

    /**
     * Runs when FreeSWITCH sends its disconnect notice; the argument is its {@code Content-Disposition}
     * ({@code linger} or {@code disconnect}). It runs on the call's event lane, after the events that
     * came before the notice, so it may wait for a command, e.g. {@code exit().join()}.
     */
    public void onDisconnectNotice(Consumer<String> handler) {
        events.onNotice(handler);
    }

    public CompletableFuture<CommandReply> myevents() {
        return session.command(EslCommands.myevents(EventFormat.PLAIN, null));
    }

    public CompletableFuture<CommandReply> myevents(EventFormat format) {
        return session.command(EslCommands.myevents(format, null));
    }

    public CompletableFuture<CommandReply> linger() {
        return session.command(EslCommands.linger());
    }

    public CompletableFuture<CommandReply> nolinger() {
        return session.command(EslCommands.nolinger());
    }

    public CompletableFuture<CommandReply> execute(SendMsg msg) {
        return session.command(EslCommands.sendmsg(null, msg));
    }

    public CompletableFuture<CommandReply> hangup(String cause) {
        return session.command(EslCommands.sendmsg(null, SendMsg.hangup(cause)));
    }

    public CompletableFuture<ApiResponse> api(String command) {
        return session.api(command);
    }

    public CompletableFuture<CommandReply> exit() {
        return session.command(EslCommands.exit());
    }

    public boolean isOpen() {
        return session.isOpen();
    }

    /** Completes once the socket has closed and listeners have been given every event and notice. */
    public CompletableFuture<Void> closed() {
        return events.closed();
    }

    public void close() {
        session.close();
    }
}

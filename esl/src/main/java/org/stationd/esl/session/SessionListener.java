package org.stationd.esl.session;

import org.stationd.esl.codec.EslFrame;

/** What a session tells its owner (the inbound client or the outbound server) about the connection itself. */
public interface SessionListener {
    /** {@code auth/request}: FreeSWITCH wants us to authenticate. */
    default void onAuthRequest(EslSession session) {}

    /** {@code text/disconnect-notice}; {@code Content-Disposition: linger} means the channel hung up but the socket stays. */
    default void onDisconnectNotice(EslSession session, EslFrame notice) {}

    /** {@code text/rude-rejection}: FreeSWITCH's ACL refused us. */
    default void onRudeRejection(EslSession session, String text) {}

    /** {@code log/data} after a {@code log} command. */
    default void onLog(EslSession session, EslFrame log) {}

    /** The TCP connection is closed; cause is null for an orderly close. */
    default void onClosed(EslSession session, Throwable cause) {}
}

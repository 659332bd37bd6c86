package org.stationd.esl.client;

/** Told when the client's connection to FreeSWITCH comes and goes. */
public interface ConnectionListener {
    /** Authenticated and subscriptions applied; {@code reconnect} is true after a drop. */
    default void onConnected(boolean reconnect) {}

    /** The connection dropped; the client will try again unless it was closed. */
    default void onDisconnected(Throwable cause) {}

    /** The client stopped reconnecting for good (the switch refused our credentials): someone must act. */
    default void onGaveUp(Throwable cause) {}
}

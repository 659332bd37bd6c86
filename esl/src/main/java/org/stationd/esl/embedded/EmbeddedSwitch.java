package org.stationd.esl.embedded;

/**
 * A switch running in this JVM ({@link SwitchProvider#start}): clients reach it over its Event
 * Socket on {@link #port()}; a replay plays the world's side of the calls through the rest.
 */
public interface EmbeddedSwitch extends AutoCloseable {
    /** The Event Socket's port (the free one picked when asked for port 0). */
    int port();

    /** Someone calls {@code to} from {@code from}, as a call with this uuid routed through the dialplan's incoming context. */
    String placeCall(String from, String to, String uuid);

    /** The far end of {@code uuid} presses keys. */
    void pressDigits(String uuid, String digits);

    /** The far end of {@code uuid} hangs up with {@code cause} (e.g. {@code NORMAL_CLEARING}). */
    void hangup(String uuid, String cause);

    /** Whether the channel {@code uuid} is up. */
    boolean hasCall(String uuid);

    @Override
    void close();
}

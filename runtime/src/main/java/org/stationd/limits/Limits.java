package org.stationd.limits;

/**
 * The per-station limits on what a program may send to the switch, store, publish, log and keep
 * in {@code data} (docs/programs.md, "Limits"). A program over one gets a {@link LimitException}
 * at its script line; each refusal is counted per station ({@link Refusals}, shown by {@code status}).
 */
public final class Limits {
    /** Text for {@code call.say} and a conference's {@code say}, in UTF-8 bytes: TTS engines and the switch's command line choke on more. */
    public static final int SAY_TEXT_BYTES = 4 * 1024;
    /** Any other value a program puts into a command: a file name, a dial string, a caller id, a channel variable. */
    public static final int SWITCH_VALUE_BYTES = 1024;
    /**
     * The backstop for one whole command on the station's link (api line or sendmsg): FreeSWITCH drops
     * the shared Event Socket connection for every station on a command past its buffer, so nothing
     * near that size is ever written.
     */
    public static final int SWITCH_COMMAND_BYTES = 16 * 1024;
    /** One value in {@code station.store}, measured as JSON text. */
    public static final int STORED_VALUE_BYTES = 64 * 1024;
    /** A store key, in characters. */
    public static final int STORE_KEY_CHARS = 200;
    /** One {@code station.publish} message, measured as JSON text. */
    public static final int MESSAGE_BYTES = 64 * 1024;
    /** A topic to publish on or subscribe to, in characters. */
    public static final int TOPIC_CHARS = 256;
    /** Lines a station's program may log per minute; the rest are dropped and counted in one notice when the minute ends. */
    public static final int LOG_LINES_PER_MINUTE = 600;
    /** A longer log line is cut here. */
    public static final int LOG_LINE_CHARS = 4 * 1024;
    /** What a program keeps in {@code data} across handlers, measured as JSON text after each handler. */
    public static final int DATA_BYTES = 1024 * 1024;

    private Limits() {}

    /** "64 KiB" for messages. */
    public static String size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return bytes / (1024 * 1024) + " MiB";
        if (bytes >= 1024 && bytes % 1024 == 0) return bytes / 1024 + " KiB";
        return bytes + " bytes";
    }
}

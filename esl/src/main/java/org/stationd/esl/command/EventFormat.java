package org.stationd.esl.command;

/** The formats FreeSWITCH can send events in. */
public enum EventFormat {
    PLAIN, JSON, XML;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

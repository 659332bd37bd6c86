package org.stationd.api;

/** A text message the station received. */
public record SmsMessage(String from, String to, String text, long receivedAtEpochMillis) {
    public String getFrom() { return from; }
    public String getTo() { return to; }
    public String getText() { return text; }
    public long getReceivedAt() { return receivedAtEpochMillis; }
}

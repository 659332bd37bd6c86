package org.stationd.api;

import java.util.List;

/**
 * The station's SMS number.
 *
 * <pre>{@code
 * station.sms.send('+256700000001', 'Thanks for calling!')          // Groovy
 * station.sms.recent(5).each { m -> call.say(m.text) }
 *
 * station.sms.send('+256700000001', 'Thanks for calling!');         // JavaScript
 * station.sms.recent(5).forEach(m => call.say(m.text));
 * }</pre>
 */
public interface Sms {
    void send(String to, String text);

    /** The newest messages received, newest first. */
    List<SmsMessage> recent(int count);
}

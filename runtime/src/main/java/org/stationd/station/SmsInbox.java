package org.stationd.station;

import org.stationd.api.Sms;

/** A station's text messages that also keeps the ones that arrive, so {@code sms.recent} finds them. */
public interface SmsInbox extends Sms {
    /** A message that arrived for the station (called on its thread before the program hears it). */
    void received(String from, String text);

    /** FreeSWITCH's mod_sms command that sends {@code text} from the station's number; the checks say the fix. */
    static String chatCommand(String station, String number, String to, String text) {
        if (number == null) {
            throw new IllegalStateException("station " + station + " has no sms number in stations.yaml");
        }
        if (to == null || !to.matches("\\+?[0-9]{3,20}")) {
            throw new IllegalArgumentException("sms.send: '" + to + "' is not a phone number");
        }
        // one line: a line break would end the api command (the station's link refuses one; a message reads the same without)
        return "chat sms|" + number + "|" + to + "|" + text.replace('|', '/').replace('\n', ' ').replace('\r', ' ');
    }
}

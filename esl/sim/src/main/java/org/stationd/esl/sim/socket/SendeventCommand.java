package org.stationd.esl.sim.socket;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.stationd.esl.sim.event.EventBuilder;
import org.stationd.esl.sim.event.Sites;
import org.stationd.esl.codec.CommandFrame;

/**
 * {@code sendevent <NAME>} + headers [+ body]: fires that event into the switch, to every
 * subscriber (this connection too), with the command's headers first and an Event-UUID; the reply
 * is {@code +OK <Event-UUID>}.
 */
final class SendeventCommand {
    private SendeventCommand() {}

    static void run(EslConnection c, CommandFrame f) {
        String eventUuid = UUID.randomUUID().toString();
        String name = f.line().length() > 9 ? f.line().substring(9).trim() : "";
        String type = name.isEmpty() ? null : EventNames.canonical(name);
        if (type == null) {
            type = "CLONE";
        }
        String subclass = "CUSTOM".equals(type) ? f.header("Event-Subclass") : null;
        List<Map.Entry<String, String>> leading = new ArrayList<>();
        leading.add(new AbstractMap.SimpleImmutableEntry<>("Command", f.line()));
        for (Map.Entry<String, String> h : f.headers()) {
            if (!h.getKey().equalsIgnoreCase("Content-Length")) {
                leading.add(h);
            }
        }
        leading.add(new AbstractMap.SimpleImmutableEntry<>("Event-UUID", eventUuid));
        EventBuilder b = c.core().events().withLeadingHeaders(type, subclass, leading, Sites.SEND_EVENT);
        if (f.body() != null) {
            b.body(f.body());
        }
        b.fire();
        c.reply("+OK " + eventUuid);
    }
}

package org.stationd.script;

import org.stationd.text.Suggest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.stationd.api.EventKind;

/**
 * The names a state may use, the same in both languages: {@code enter}, {@code exit},
 * {@code timeout}, and one per {@link EventKind} ({@code dtmf}, {@code playbackDone}, {@code esl}…).
 */
public final class HandlerNames {
    /** Event handler names, in EventKind order. */
    public static final List<String> EVENTS;
    /** Everything a state may contain. */
    public static final List<String> STATE_KEYS;

    static {
        List<String> events = new ArrayList<>();
        for (EventKind k : EventKind.values()) {
            events.add(k.handlerName());
        }
        EVENTS = Collections.unmodifiableList(events);
        List<String> keys = new ArrayList<>(List.of("enter", "exit", "timeout"));
        keys.addAll(events);
        STATE_KEYS = Collections.unmodifiableList(keys);
    }

    private HandlerNames() {}

    /** The event kind for a handler name, or null. */
    public static EventKind event(String name) {
        for (EventKind k : EventKind.values()) {
            if (k.handlerName().equals(name)) {
                return k;
            }
        }
        return null;
    }

    /** Why {@code name} is not a handler, with a suggestion: for error messages. */
    public static String unknownEvent(String name) {
        return "unknown handler '" + name + "'" + Suggest.didYouMean(name, EVENTS)
                + "; handlers are " + String.join(", ", EVENTS);
    }

    /** Same, for anything a state may hold (JavaScript states are plain objects). */
    public static String unknownStateKey(String name) {
        return "unknown handler '" + name + "'" + Suggest.didYouMean(name, STATE_KEYS)
                + "; a state may have " + String.join(", ", STATE_KEYS);
    }
}

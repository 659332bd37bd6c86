package org.stationd.esl.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stationd.esl.command.EslCommand;
import org.stationd.esl.command.EslCommands;
import org.stationd.esl.command.EventFormat;

/**
 * What the client has asked FreeSWITCH to send it, so the same can be asked again after a
 * reconnect: event subscriptions, filters, nixed events, log level, linger. Thread-safe.
 */
final class Subscriptions {
    private EventFormat format;
    private final Set<String> events = new LinkedHashSet<>();
    private final List<Map.Entry<String, String>> filters = new ArrayList<>();
    private final Set<String> nixed = new LinkedHashSet<>();
    private String logLevel;
    private boolean linger;

    synchronized void events(EventFormat f, List<String> names) {
        // FreeSWITCH switches the connection to the new format but keeps the events already
        // subscribed (mod_event_socket only adds to its event list), so neither do we forget them.
        format = f;
        events.addAll(names);
        names.forEach(nixed::remove);
    }

    synchronized boolean receivesBackgroundJobs() {
        return format != null && (events.contains("ALL") || events.contains("BACKGROUND_JOB")) && !nixed.contains("BACKGROUND_JOB");
    }

    synchronized EventFormat formatOrPlain() {
        return format == null ? EventFormat.PLAIN : format;
    }

    synchronized void noevents() {
        format = null;
        events.clear();
        nixed.clear();
    }

    synchronized void nix(List<String> names) {
        nixed.addAll(names);
    }

    synchronized void filter(String header, String value) {
        filters.add(Map.entry(header, value));
    }

    synchronized void filterDelete(String header, String value) {
        filters.removeIf(e -> e.getKey().equals(header) && (value == null || e.getValue().equals(value)));
    }

    synchronized void filterDeleteAll() {
        filters.clear();
    }

    synchronized void log(String level) {
        logLevel = level;
    }

    synchronized void linger(boolean on) {
        linger = on;
    }

    /** The commands that bring a fresh connection to the state this one was in. */
    synchronized List<EslCommand> replay() {
        List<EslCommand> commands = new ArrayList<>();
        if (format != null && !events.isEmpty()) {
            commands.add(EslCommands.event(format, events.toArray(String[]::new)));
        }
        for (Map.Entry<String, String> f : filters) {
            commands.add(EslCommands.filter(f.getKey(), f.getValue()));
        }
        if (!nixed.isEmpty()) {   // after 'event', which would re-enable what was nixed
            commands.add(EslCommands.nixevent(nixed.toArray(String[]::new)));
        }
        if (logLevel != null) {
            commands.add(EslCommands.log(logLevel));
        }
        if (linger) {
            commands.add(EslCommands.linger());
        }
        return commands;
    }
}

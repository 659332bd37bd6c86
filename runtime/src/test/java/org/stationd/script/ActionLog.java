package org.stationd.script;

import java.util.ArrayList;
import java.util.List;

/** Every action a program took, as text, in order: what the same-behaviour tests compare. */
final class ActionLog {
    private final List<String> lines = new ArrayList<>();

    synchronized void add(String line) {
        lines.add(line);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public synchronized String toString() {
        return String.join("\n", lines);
    }
}

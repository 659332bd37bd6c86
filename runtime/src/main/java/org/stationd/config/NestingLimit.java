package org.stationd.config;

import java.util.Optional;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Hands YAML parser events to the composer, refusing lists and mappings nested deeper than
 * {@link #MAX}: the composer builds nodes by recursion, so a runaway {@code [[[[…} would overflow
 * the stack of whatever thread reads the file (the live config watcher among them).
 */
final class NestingLimit implements Parser {
    /** stations.yaml itself needs about six levels; program settings a few more. */
    static final int MAX = 64;

    /** The file goes deeper than {@link #MAX} where {@code mark} says. */
    static final class TooDeep extends RuntimeException {
        final Optional<Mark> mark;

        TooDeep(Optional<Mark> mark) {
            super("nested deeper than " + MAX + " levels; stations.yaml needs a handful", null, false, false);
            this.mark = mark;
        }
    }

    private final Parser parser;
    private int depth;

    NestingLimit(Parser parser) {
        this.parser = parser;
    }

    @Override
    public Event next() {
        Event e = parser.next();
        switch (e.getEventId()) {
            case SequenceStart, MappingStart -> {
                if (++depth > MAX) {
                    throw new TooDeep(e.getStartMark());
                }
            }
            case SequenceEnd, MappingEnd -> depth--;
            default -> { }
        }
        return e;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return parser.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }
}

package org.stationd.station;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.stationd.esl.session.EslTimeoutException;

/**
 * Originates the switch did not answer in time: the bgapi's reply or its job result came later
 * than the link waits (a connection backed up with events). FreeSWITCH ran the command all the
 * same, so the call may well exist. Such a call stays the program's ({@link #awaiting}): it hears
 * nothing yet, and once the call shows up (any event of its uuid, or the late job result) it goes
 * on as the call the program asked for. Only when nothing came within the ring time and
 * {@link #GRACE} does the program hear {@code failed} ({@code SWITCH_ERROR}); the uuid is hung up
 * then (it may be there, its events lost) and stays claimed a while longer ({@link #DISOWNED_FOR}):
 * a call that shows up after all is hung up too, as nobody holds it. All on the station's thread.
 */
final class LateOriginates {
    /** How long past its ring time a late originate's call may still show up. */
    static final Duration GRACE = Duration.ofSeconds(30);
    /** How long a given-up originate's uuid stays claimed, to hang up its call should it come. */
    static final Duration DISOWNED_FOR = Duration.ofMinutes(5);

    private final Set<String> awaiting = new HashSet<>();
    private final Set<String> disowned = new HashSet<>();
    private final Set<String> killed = new HashSet<>();

    /** Whether {@code error} says only that the answer did not come in time (the command may have run). */
    static boolean late(Throwable error) {
        for (Throwable c = error; c != null; c = c.getCause()) {
            if (c instanceof EslTimeoutException) {
                return true;
            }
        }
        return false;
    }

    void await(String uuid) {
        awaiting.add(uuid);
    }

    /** The call showed up (or its late answer came): no longer in doubt. True if it was awaited. */
    boolean arrived(String uuid) {
        return awaiting.remove(uuid);
    }

    boolean isAwaited(String uuid) {
        return awaiting.contains(uuid);
    }

    /** Given up: a call of this uuid is nobody's. */
    void disown(String uuid) {
        disowned.add(uuid);
    }

    boolean isDisowned(String uuid) {
        return disowned.contains(uuid);
    }

    /** Whether to hang up this disowned call now (once: its own hang-up events follow). */
    boolean killOnce(String uuid) {
        return disowned.contains(uuid) && killed.add(uuid);
    }

    /** The disowned call is gone for good (destroyed, or the wait for it is over). */
    void forget(String uuid) {
        disowned.remove(uuid);
        killed.remove(uuid);
    }
}

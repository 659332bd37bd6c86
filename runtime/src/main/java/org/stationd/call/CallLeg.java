package org.stationd.call;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stationd.api.Call;
import org.stationd.api.Conference;
import org.stationd.esl.event.EslEvent;
import org.stationd.verb.Verbs;

/**
 * One call leg of a station, as programs see it. Actions go through {@link Verbs} (one small class
 * per verb); state is updated by {@link CallEvents} from what FreeSWITCH reports, on the station's
 * thread.
 */
public final class CallLeg implements Call {
    public enum State { RINGING, ANSWERED, ENDED }

    private final String id;
    private final String stationId;
    private final String direction;
    private final String line;
    private final Verbs verbs;
    /**
     * The headers of the latest event that carried channel variables: FreeSWITCH sends all of a
     * channel's variables with each such event (a variable unset is gone from the next), so the
     * latest holds them all. Read only when a program asks.
     */
    private volatile Map<String, String> variableHeaders = Map.of();
    /** Application-UUID of a running playback/record/collect → what it was. */
    private final Map<String, PendingOp> pending = new HashMap<>();
    private volatile String from;
    private volatile String to;
    private volatile State state = State.RINGING;
    private volatile String conference;
    private volatile boolean hangupRequested;
    private boolean failureReported;
    /** RECORD_STARTs not yet matched with their record's EXECUTE_COMPLETE: a record the switch could not open has none. */
    private int recordsStarted;
    private String role = "";
    private volatile boolean retired;
    /** Answered but not yet in its {@code park}: see {@link #awaitPark()}. Station thread. */
    private boolean parkPending;

    public CallLeg(String id, String stationId, String direction, String from, String to, String line, Verbs verbs) {
        this.id = id;
        this.stationId = stationId;
        this.direction = direction;
        this.from = from;
        this.to = to;
        this.line = line;
        this.verbs = verbs;
    }

    /**
     * An operation the switch is running for us, waiting for its EXECUTE_COMPLETE. {@code failure}
     * says why it is already known to fail where the switch will not say so (a {@code speak}
     * without its engine), else null.
     */
    public record PendingOp(String kind, String file, String variable, String failure) {
        public PendingOp(String kind, String file, String variable) {
            this(kind, file, variable, null);
        }
    }

    // ---- what programs read -------------------------------------------------------------------

    @Override public String getId() { return id; }
    @Override public String getFrom() { return from; }
    @Override public String getTo() { return to; }
    @Override public String getDirection() { return direction; }
    @Override public String getState() { return state.name().toLowerCase(); }
    @Override public String getLine() { return line; }
    @Override
    public Map<String, String> getVariables() {
        Map<String, String> variables = new HashMap<>();
        variableHeaders.forEach((k, v) -> {
            if (k.startsWith(VARIABLE) && v != null) variables.put(k.substring(VARIABLE.length()), v);
        });
        return Map.copyOf(variables);
    }

    private static final String VARIABLE = "variable_";

    // ---- what programs do ---------------------------------------------------------------------

    /** Every action of {@link Call} comes here (its default methods name the verb). */
    @Override public void verb(String name, Map<String, Object> args) { verbs.run(name, this, args == null ? Map.of() : args); }

    // ---- runtime side -------------------------------------------------------------------------

    public String stationId() { return stationId; }
    public State state() { return state; }
    public boolean isEnded() { return state == State.ENDED; }
    public boolean isAnswered() { return state == State.ANSWERED; }
    public void answered() { if (state == State.RINGING) state = State.ANSWERED; }
    public void ended() { state = State.ENDED; }
    /** What an event of this call says of it: its variables, if it carries them, and who called whom. */
    public void updateVariables(EslEvent e) {
        if (e.hasHeaderStartingWith(VARIABLE)) variableHeaders = e.headersOnce();
        String cid = e.header("Caller-Caller-ID-Number");
        if (from == null && cid != null) from = cid;
        String dest = e.header("Caller-Destination-Number");
        if (to == null && dest != null) to = dest;
    }
    public void expect(String appUuid, PendingOp op) { pending.put(appUuid, op); }
    public PendingOp complete(String appUuid) { return appUuid == null ? null : pending.remove(appUuid); }
    public List<PendingOp> pendingOps() { return List.copyOf(pending.values()); }
    /** The switch began writing a recording on this leg (RECORD_START). */
    public void recordStarted() { recordsStarted++; }
    /** Whether the record now ending had begun writing; a leg runs its records one after another. */
    public boolean takeRecordStart() {
        if (recordsStarted == 0) return false;
        recordsStarted--;
        return true;
    }
    public String conferenceName() { return conference; }
    public void inConference(String name) { conference = name; }
    public boolean hangupRequested() { return hangupRequested; }
    public void markHangupRequested() { hangupRequested = true; }
    /** Reports a failure once: an originate's -ERR and its channel's hangup both say the same. */
    public boolean claimFailureReport() { if (failureReported) return false; failureReported = true; return true; }
    /** What the station uses this leg for: {@code transmitter}, {@code host}, {@code listener}, … */
    public String role() { return role; }
    /** The program that placed or took this call was unloaded: the call is on its way out and no program hears of it again. */
    public void retire() { retired = true; }
    public boolean isRetired() { return retired; }
    public void role(String r) { role = r; }
    /**
     * A call the station originates ({@code originate … &park()}) runs its park only once FreeSWITCH's
     * originate has returned, after the answer: an application a program starts on it in between
     * runs, then is cut off as the leg moves on to its park (a conference it joined is left at once;
     * seen on the real switch). Such a call is announced as answered when it is parked.
     */
    public void awaitPark() { parkPending = true; }
    public boolean awaitingPark() { return parkPending; }
    /** The leg is in its park (CHANNEL_PARK): true if it was waiting for it. */
    public boolean parked() {
        boolean was = parkPending;
        parkPending = false;
        return was;
    }

    @Override
    public String toString() {
        return "call " + id + " (" + direction + (from != null ? " from " + from : "") + (to != null ? " to " + to : "") + ", " + getState() + ")";
    }
}

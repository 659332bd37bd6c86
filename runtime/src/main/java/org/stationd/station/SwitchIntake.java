package org.stationd.station;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stationd.api.Event;
import org.stationd.api.EventKind;
import org.stationd.api.Sms;
import org.stationd.call.CallEvents;
import org.stationd.call.CallLeg;
import org.stationd.config.StationConfig;
import org.stationd.esl.event.EslEvent;
import org.stationd.verb.Verbs;

/**
 * What the switch tells a station, on the station's thread in the order the router handed it
 * over: events about its calls (a call arriving on its line, a late originate's call showing up,
 * one given up coming after all), its conferences, texts to its number, and calls that died with
 * the switch. Each is written to the event log first, then becomes what the program hears.
 */
final class SwitchIntake {
    private final StationContext station;
    private final StationConfig config;
    private final StationServices services;
    private final CallTable calls;
    private final Dialler dialler;
    private final ProgramSlot slot;
    private final StationConferences conferences;
    private final CallEvents callEvents;
    private final Verbs verbs;
    private final Sms sms;

    SwitchIntake(StationContext station, StationServices services, CallTable calls, Dialler dialler, ProgramSlot slot,
                 StationConferences conferences, CallEvents callEvents, Verbs verbs, Sms sms) {
        this.station = station;
        this.config = station.config();
        this.services = services;
        this.calls = calls;
        this.dialler = dialler;
        this.slot = slot;
        this.conferences = conferences;
        this.callEvents = callEvents;
        this.verbs = verbs;
        this.sms = sms;
    }

    /** An ESL event about one of this station's calls (or a call arriving on its line). */
    void onEsl(EslEvent e, String incomingLine) {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("name", e.name());
        rec.put("headers", e.headersOnce());   // the event log writes them on its own thread, building no map here
        if (e.body() != null) rec.put("body", e.body());
        if (incomingLine != null) rec.put("line", incomingLine);
        station.tap("in", "esl", rec);
        LateOriginates late = dialler.late();
        String uuid = e.uniqueId();
        CallLeg leg = uuid == null ? null : calls.get(uuid);
        if (leg == null && incomingLine != null) {
            incoming(e, incomingLine);
            return;
        }
        if (leg == null && late.isDisowned(uuid)) {
            disownedCall(uuid, e);
            return;
        }
        if (leg != null) {
            late.arrived(uuid);   // a late originate's call showed up: it is the call the program asked for
        }
        if (leg == null) {
            conferenceEvent(e);
            return;
        }
        trackConference(leg, e);
        for (Event ev : callEvents.translate(leg, e)) {
            services.listener().callEvent(config.id(), leg.getId(), ev.describe());
            if (!leg.isRetired()) {
                station.deliver(ev);
            }
        }
        if (!leg.isRetired() && slot.handlesEsl(e.name())) {
            station.deliver(CallEvents.raw(leg, e));
        }
        if ("CHANNEL_DESTROY".equals(e.name())) {
            calls.remove(leg.getId());
            services.owners().release(leg.getId());
        }
    }

    /** A call whose originate was given up came after all: nobody holds it, so it is hung up. */
    private void disownedCall(String uuid, EslEvent e) {
        LateOriginates late = dialler.late();
        if ("CHANNEL_DESTROY".equals(e.name())) {
            late.forget(uuid);
            services.owners().release(uuid);
            return;
        }
        if (!"CHANNEL_HANGUP".equals(e.name()) && !"CHANNEL_HANGUP_COMPLETE".equals(e.name()) && late.killOnce(uuid)) {
            station.log("warn", "call " + uuid + " came after its originate was given up; hanging it up");
            dialler.kill(uuid, "warn");
        }
    }

    /**
     * Calls that died with the switch (it restarted, or they ended while the link was down): each
     * still up reaches the program as the hang-up FreeSWITCH would have sent, with {@code cause},
     * then is forgotten as after CHANNEL_DESTROY.
     */
    void callsLost(Collection<String> ids, String cause) {
        for (String id : ids) {
            CallLeg leg = calls.get(id);
            if (leg == null || leg.isEnded()) continue;
            for (String name : List.of("CHANNEL_HANGUP", "CHANNEL_DESTROY")) {
                Map<String, String> h = new LinkedHashMap<>();
                h.put("Event-Name", name);
                h.put("Unique-ID", id);
                h.put("Answer-State", "hangup");
                h.put("Hangup-Cause", cause);
                h.put("Stationd-Resync", "the call is gone from the switch");
                onEsl(new EslEvent(EslEvent.Format.PLAIN, h, null), null);
            }
        }
    }

    private void incoming(EslEvent e, String line) {
        String from = e.header("Caller-Caller-ID-Number");
        String to = e.header("Caller-Destination-Number");
        CallLeg leg = new CallLeg(e.uniqueId(), config.id(), "inbound", from, to, line, verbs);
        leg.role("listener");
        leg.updateVariables(e);
        calls.add(leg);
        services.owners().claim(leg.getId(), station);
        services.listener().callEvent(config.id(), leg.getId(), "incoming call from " + from + " on " + line);
        if (!station.deliver(Event.of(EventKind.INCOMING_CALL).call(leg).line(line).from(from).to(to).build())) {
            station.apologise(leg, station.programName() == null ? "no program on air" : "no incomingCall handler in state " + station.state());
        }
    }

    private void trackConference(CallLeg leg, EslEvent e) {
        if (!"CUSTOM".equals(e.name()) || !"conference::maintenance".equals(e.subclass())) {
            return;
        }
        StationConference conf = conferences.bySwitchName(e.header("Conference-Name"));
        if (conf == null) {
            return;
        }
        if ("add-member".equals(e.header("Action"))) {
            conf.memberJoined(leg.getId(), e.header("Member-ID"));
        } else if ("del-member".equals(e.header("Action"))) {
            conf.memberLeft(leg.getId());
        }
    }

    /** Conference events not about one of our calls: a playback into our conference finished. */
    private void conferenceEvent(EslEvent e) {
        if (!"conference::maintenance".equals(e.subclass())) {
            return;
        }
        StationConference conf = conferences.bySwitchName(e.header("Conference-Name"));
        if (conf != null && "play-file".equals(e.header("Action"))) {
            conf.began(e.header("File"));
            return;
        }
        if (!"play-file-done".equals(e.header("Action"))) {
            return;
        }
        String[] mine = conf == null ? null : conf.finished(e.header("File"));
        if (mine != null) {
            station.deliver(Event.of(EventKind.CONFERENCE_PLAYBACK_DONE).conference(conf).file(mine[0]).status(mine[1]).build());
        }
    }

    /** The router could not hand this station {@code count} events: its queue was full. */
    void missedEvents(long count) {
        station.log("error", count + " event(s) from the switch were lost: the station's queue was full; its calls may be out of step");
    }

    /** A text message to the station's number: stored, then heard by the program. */
    void onSms(String from, String text) {
        station.tap("in", "sms", Map.of("from", from == null ? "" : from, "text", text));
        if (sms instanceof SmsInbox inbox) {
            inbox.received(from, text);
        }
        services.listener().callEvent(config.id(), "sms", "text from " + from);
        station.deliver(Event.of(EventKind.SMS).from(from).to(config.sms()).text(text).build());
    }
}

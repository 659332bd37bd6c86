package org.stationd.script.js;

import java.lang.ref.WeakReference;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.stationd.api.Call;
import org.stationd.api.Conference;
import org.stationd.api.Event;
import org.stationd.api.KeyValueStore;
import org.stationd.api.Log;
import org.stationd.api.ProgramContext;
import org.stationd.api.ProgramError;
import org.stationd.api.Recording;
import org.stationd.api.Recordings;
import org.stationd.api.Sms;
import org.stationd.api.SmsMessage;
import org.stationd.api.Station;

/**
 * Converts values between Java and one JavaScript context. Going in, API objects become
 * {@link JsObject} facades, maps and lists live {@link JsMap}/{@link JsList} views; going out, JS
 * objects and arrays are copied into plain Java maps and lists (JSON-like), facades unwrap to the
 * API object they stand for. Nothing else crosses: unknown Java objects become their text.
 */
final class JsBridge {
    private static final int MAX_DEPTH = 64;

    private final ProgramContext ctx;
    // The same call gets the same facade while JS holds it, so e.call === station.transmitter works.
    private final Map<Object, WeakReference<Object>> facades = new WeakHashMap<>();

    JsBridge(ProgramContext ctx) {
        this.ctx = ctx;
    }

    // ---- Java -> JS ----

    Object toJs(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Double
                || v instanceof Long || v instanceof Value || v instanceof ProxyObject || v instanceof JsList) {
            return v;
        }
        if (v instanceof BigDecimal || v instanceof BigInteger || v instanceof Float) {
            return ((Number) v).doubleValue();  // Groovy writes 0.5 as BigDecimal; JS has one number type
        }
        if (v instanceof Number n) return n.intValue() == n.longValue() ? n.intValue() : n.longValue();
        if (v instanceof Character c) return c.toString();
        if (v instanceof CharSequence s) return s.toString();  // Groovy GStrings
        // Views are cheap and cached by nothing: a map's equals/hashCode change as it is written.
        if (v instanceof Map<?, ?> m) return new JsMap(stringKeys(m), this);
        if (v instanceof List<?> l) return new JsList(objects(l), this);
        if (v instanceof Collection<?> c) return new JsList(new ArrayList<>(c), this);
        if (v instanceof Object[] a) return new JsList(new ArrayList<>(List.of(a)), this);
        if (v instanceof Call c) return cached(c, x -> call(c));
        if (v instanceof Conference c) return cached(c, x -> conference(c));
        if (v instanceof Event e) return event(e);
        if (v instanceof ProgramError e) return error(e);
        if (v instanceof SmsMessage m) return smsMessage(m);
        if (v instanceof Station) return station();
        if (v instanceof KeyValueStore s) return store(s);
        if (v instanceof Sms s) return sms(s);
        if (v instanceof Recordings r) return recordings(r);
        if (v instanceof Recording r) return recording(r);
        if (v instanceof Log l) return log(l);
        return v.toString();
    }

    private synchronized Object cached(Object key, Function<Object, Object> make) {
        WeakReference<Object> ref = facades.get(key);
        Object f = ref == null ? null : ref.get();
        if (f == null) {
            f = make.apply(key);
            facades.put(key, new WeakReference<>(f));
        }
        return f;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        return (Map<String, Object>) m;  // JSON-like maps: keys are strings by the API's contract
    }

    @SuppressWarnings("unchecked")
    private static List<Object> objects(List<?> l) {
        return (List<Object>) l;
    }

    // ---- JS -> Java ----

    Object toJava(Value v) {
        return toJava(v, 0);
    }

    private Object toJava(Value v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        if (v == null || v.isNull()) return null;
        if (v.isBoolean()) return v.asBoolean();
        if (v.isString()) return v.asString();
        if (v.isNumber()) {
            if (v.fitsInInt()) return v.asInt();
            if (v.fitsInLong()) return v.asLong();
            return v.asDouble();
        }
        if (v.isProxyObject()) {
            Object p = v.asProxyObject();
            if (p instanceof JsMap m) return m.map();
            if (p instanceof JsList l) return l.list();
            if (p instanceof JsObject o && o.target() != null) return o.target();
            throw new IllegalArgumentException(p + " cannot be stored or sent: only JSON-like values");
        }
        if (v.isHostObject()) return v.asHostObject();
        if (v.canExecute()) {
            throw new IllegalArgumentException("a function cannot be stored or sent: only JSON-like values "
                    + "(objects, arrays, strings, numbers, booleans, null)");
        }
        if (v.hasArrayElements()) {
            List<Object> list = new ArrayList<>((int) v.getArraySize());
            for (long i = 0; i < v.getArraySize(); i++) {
                list.add(toJava(v.getArrayElement(i), depth + 1));
            }
            return list;
        }
        if (v.isDate() && v.isTime()) {
            return v.asDate().atTime(v.asTime()).toString();
        }
        if (v.hasMembers()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (String k : v.getMemberKeys()) {
                Value m = v.getMember(k);
                if (m.canExecute() && !m.hasMembers()) continue;  // methods of an object are not data
                map.put(k, toJava(m, depth + 1));
            }
            return map;
        }
        return v.toString();
    }

    /** {@code {min: 1}} from a script, as the options map the API takes; undefined means none. */
    Map<String, Object> options(Value[] args, int i, String usage) {
        if (args.length <= i || args[i].isNull()) return new LinkedHashMap<>();
        Object o = toJava(args[i]);
        if (o instanceof Map<?, ?> m) return stringKeys(m);
        throw new IllegalArgumentException(usage);
    }

    String text(Value[] args, int i, String usage) {
        if (args.length <= i || args[i].isNull()) throw new IllegalArgumentException(usage);
        return args[i].isString() ? args[i].asString() : args[i].toString();
    }

    double number(Value[] args, int i, String usage) {
        if (args.length <= i || !args[i].isNumber()) throw new IllegalArgumentException(usage);
        return args[i].asDouble();
    }

    Call callArg(Value[] args, int i, String usage) {
        if (args.length > i && toJava(args[i]) instanceof Call c) return c;
        throw new IllegalArgumentException(usage);
    }

    Conference conferenceArg(Value[] args, int i, String usage) {
        if (args.length > i && toJava(args[i]) instanceof Conference c) return c;
        throw new IllegalArgumentException(usage);
    }

    // ---- facades ----

    /** The global {@code station}: asks the context each time, so the load-time guard applies. */
    JsObject station() {
        return new JsObject("station", null, this)
                .prop("id", () -> st().getId())
                .prop("name", () -> st().getName())
                .prop("timezone", () -> st().getTimezone())
                .prop("settings", () -> st().getSettings())
                .prop("lines", () -> st().getLines())
                .prop("calls", () -> st().getCalls())
                .prop("transmitter", () -> st().getTransmitter())
                .prop("store", () -> st().getStore())
                .prop("sms", () -> st().getSms())
                .method("dialTransmitter", a -> st().dialTransmitter())
                .method("hangupTransmitter", a -> { st().hangupTransmitter(); return null; })
                .method("originate", a -> st().originate(text(a, 0, "station.originate needs a number: station.originate('+256700000009', {timeout: 45})"),
                        options(a, 1, "station.originate options are an object: {timeout: 45}")))
                .method("conference", a -> st().conference(text(a, 0, "station.conference needs a name: station.conference('studio')")))
                .method("after", a -> { st().after(number(a, 0, "station.after(seconds, 'name')"), text(a, 1, "station.after(seconds, 'name')")); return null; })
                .method("every", a -> { st().every(number(a, 0, "station.every(seconds, 'name')"), text(a, 1, "station.every(seconds, 'name')")); return null; })
                .method("at", a -> { st().at(text(a, 0, "station.at('18:30', 'name')"), text(a, 1, "station.at('18:30', 'name')")); return null; })
                .method("cancel", a -> { st().cancel(text(a, 0, "station.cancel('name')")); return null; })
                .method("publish", a -> { st().publish(text(a, 0, "station.publish('topic', {…})"), a.length > 1 ? toJava(a[1]) : null); return null; })
                .method("subscribe", a -> { st().subscribe(text(a, 0, "station.subscribe('topic')")); return null; })
                .prop("recordings", () -> st().getRecordings())
                .method("lease", a -> st().lease(text(a, 0, "station.lease('name', seconds)"), number(a, 1, "station.lease('name', seconds)")))
                .method("releaseLease", a -> { st().releaseLease(text(a, 0, "station.releaseLease('name')")); return null; })
                .method("reportStatus", a -> {
                    st().reportStatus(text(a, 0, "station.reportStatus('no_media', 'why')"), a.length > 1 && !a[1].isNull() ? a[1].asString() : null);
                    return null;
                });
    }

    private JsObject recordings(Recordings r) {
        return new JsObject("recordings", r, this)
                .method("save", a -> r.save(text(a, 0, "recordings.save(file, 'greeting', days, caller, seconds)"),
                        text(a, 1, "recordings.save(file, 'greeting', days, caller, seconds)"),
                        (int) number(a, 2, "recordings.save(file, 'greeting', days, caller, seconds)"),
                        a.length > 3 && !a[3].isNull() ? a[3].asString() : null,
                        a.length > 4 && !a[4].isNull() ? number(a, 4, "recordings.save(…, seconds)") : null))
                .method("playable", a -> r.playable());
    }

    private JsObject recording(Recording r) {
        return new JsObject("recording", r, this)
                .prop("id", r::id)
                .prop("file", r::file)
                .prop("category", r::category)
                .prop("caller", r::caller)
                .prop("seconds", r::seconds)
                .prop("expiresAt", r::expiresAtEpochMillis)
                .prop("status", r::status);
    }

    private Station st() {
        return ctx.getStation();
    }

    private JsObject call(Call c) {
        return JsApiMethods.addMissing(callMethods(c), "call", Call.class, c, this);
    }

    private JsObject callMethods(Call c) {
        return new JsObject("call", c, this)
                .prop("id", c::getId)
                .prop("from", c::getFrom)
                .prop("to", c::getTo)
                .prop("direction", c::getDirection)
                .prop("state", c::getState)
                .prop("line", c::getLine)
                .prop("variables", () -> Map.copyOf(c.getVariables()))
                .method("answer", a -> { c.answer(); return null; })
                .method("hangup", a -> {
                    if (a.length == 0 || a[0].isNull()) c.hangup(); else c.hangup(text(a, 0, "call.hangup('USER_BUSY')"));
                    return null;
                })
                .method("play", a -> { c.play(text(a, 0, "call.play needs a file: call.play('jingle.wav')")); return null; })
                .method("say", a -> { c.say(text(a, 0, "call.say needs a text: call.say('Hello')")); return null; })
                .method("stopPlayback", a -> { c.stopPlayback(); return null; })
                .method("record", a -> {
                    c.record(text(a, 0, "call.record('greeting.wav', 60)"), (int) number(a, 1, "call.record('greeting.wav', 60)"));
                    return null;
                })
                .method("collect", a -> { c.collect(options(a, 0, "call.collect options are an object: call.collect({min: 1, max: 2})")); return null; })
                .method("bridge", a -> { c.bridge(callArg(a, 0, "call.bridge needs a call: host.bridge(e.call)")); return null; })
                .method("join", a -> { c.join(conferenceArg(a, 0, "call.join needs a conference: call.join(station.conference('studio'))")); return null; })
                .method("leave", a -> { c.leave(); return null; })
                .method("transfer", a -> { c.transfer(text(a, 0, "call.transfer('ivr')")); return null; })
                .method("setVariable", a -> { c.setVariable(text(a, 0, "call.setVariable('name', 'value')"), text(a, 1, "call.setVariable('name', 'value')")); return null; });
    }

    private JsObject conference(Conference c) {
        return new JsObject("conference", c, this)
                .prop("name", c::getName)
                .prop("members", c::getMembers)
                .method("play", a -> {
                    String file = text(a, 0, "conference.play('news.wav')");
                    if (a.length > 1) c.play(file, number(a, 1, "conference.play('news.wav', 42.5)")); else c.play(file);
                    return null;
                })
                .method("stop", a -> { c.stop(); return null; })
                .method("say", a -> { c.say(text(a, 0, "conference.say('text')")); return null; })
                .method("mute", a -> { c.mute(callArg(a, 0, "conference.mute(call)")); return null; })
                .method("unmute", a -> { c.unmute(callArg(a, 0, "conference.unmute(call)")); return null; })
                .method("kick", a -> { c.kick(callArg(a, 0, "conference.kick(call)")); return null; })
                .method("record", a -> { c.record(text(a, 0, "conference.record('show.wav')")); return null; })
                .method("stopRecording", a -> { c.stopRecording(); return null; });
    }

    private JsObject store(KeyValueStore s) {
        return new JsObject("store", s, this)
                .method("get", a -> s.get(text(a, 0, "store.get('key')")))
                .method("put", a -> { s.put(text(a, 0, "store.put('key', value)"), a.length > 1 ? toJava(a[1]) : null); return null; })
                .method("remove", a -> { s.remove(text(a, 0, "store.remove('key')")); return null; })
                .method("keys", a -> new ArrayList<>(s.keys()));
    }

    private JsObject sms(Sms s) {
        return new JsObject("sms", s, this)
                .method("send", a -> { s.send(text(a, 0, "sms.send('+256…', 'text')"), text(a, 1, "sms.send('+256…', 'text')")); return null; })
                .method("recent", a -> s.recent(a.length == 0 ? 10 : (int) number(a, 0, "sms.recent(5)")));
    }

    private JsObject smsMessage(SmsMessage m) {
        return new JsObject("message", m, this)
                .prop("from", m::from)
                .prop("to", m::to)
                .prop("text", m::text)
                .prop("receivedAt", m::receivedAtEpochMillis);
    }

    JsObject log(Log l) {
        return new JsObject("log", null, this)
                .method("info", a -> { l.info(join(a)); return null; })
                .method("warn", a -> { l.warn(join(a)); return null; })
                .method("error", a -> { l.error(join(a)); return null; })
                .method("debug", a -> { l.debug(join(a)); return null; });
    }

    private static String join(Value[] args) {
        StringBuilder sb = new StringBuilder();
        for (Value v : args) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(v.isString() ? v.asString() : v.toString());
        }
        return sb.toString();
    }

    /** An event as JS sees it: every field of {@link Event}, null where unset, like Groovy's {@code e.digit}. */
    JsObject event(Event e) {
        return new JsObject("event", null, this)
                .prop("kind", () -> e.getKind().handlerName())
                .prop("call", e::getCall)
                .prop("other", e::getOther)
                .prop("conference", e::getConference)
                .prop("cause", e::getCause)
                .prop("digit", e::getDigit)
                .prop("digits", e::getDigits)
                .prop("file", e::getFile)
                .prop("status", e::getStatus)
                .prop("seconds", e::getSeconds)
                .prop("line", e::getLine)
                .prop("from", e::getFrom)
                .prop("to", e::getTo)
                .prop("text", e::getText)
                .prop("topic", e::getTopic)
                .prop("data", e::getData)
                .prop("timer", e::getTimer)
                .prop("name", e::getName)
                .prop("headers", e::getHeaders);
    }

    JsObject error(ProgramError e) {
        return new JsObject("error", null, this)
                .prop("state", e::state)
                .prop("handler", e::handler)
                .prop("message", e::message)
                .prop("location", e::location)
                .prop("call", e::call);
    }
}

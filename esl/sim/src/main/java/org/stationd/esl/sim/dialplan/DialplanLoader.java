package org.stationd.esl.sim.dialplan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.stationd.esl.sim.app.AppCall;
import org.stationd.esl.sim.channel.HangupCause;

/**
 * Reads sim.yaml. An extension is either a named behaviour ({@code park}, {@code answer_park},
 * {@code news}, {@code outbound_socket}) or an explicit list of applications; a phone is a map of
 * {@code answer_after_ms}, {@code ring}, {@code busy}, {@code unreachable}, {@code cause},
 * {@code hangup_after_s}/{@code hangup_after_ms}; a conference profile has {@code enter_sound},
 * {@code exit_sound}, {@code kicked_sound}, {@code alone_sound}, {@code moh_sound},
 * {@code caller_controls} and {@code rate}. Mistakes are reported with their place in the file.
 */
public final class DialplanLoader {
    public static final String DEFAULT_RESOURCE = "/org/stationd/esl/sim/sim.yaml";
    /** The bundled real FreeSWITCH's {@code stations} context (../shared/freeswitch), as the simulator runs it. */
    public static final String BUNDLED_STATIONS_RESOURCE = "/org/stationd/esl/sim/stations.yaml";

    private DialplanLoader() {}

    /** The built-in default (the captures' "stations" context and a few phones). */
    public static Dialplan defaults() {
        return resource(DEFAULT_RESOURCE);
    }

    /** What the bundled FreeSWITCH's {@code stations} context does: tx&lt;N&gt;, park, answer_park, busy, ring_noanswer, echo, news, listener lines. */
    public static Dialplan bundledStations() {
        return resource(BUNDLED_STATIONS_RESOURCE);
    }

    private static Dialplan resource(String name) {
        try (InputStream in = DialplanLoader.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Dialplan load(Path file) {
        try {
            return parse(Files.readString(file), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dialplan " + file, e);
        }
    }

    /** Parses YAML text; relative sound directories are resolved against {@code baseDir} (or the working directory). */
    @SuppressWarnings("unchecked")
    public static Dialplan parse(String yaml, Path baseDir) {
        Object root = new Load(LoadSettings.builder().setLabel("sim.yaml").build()).loadFromString(yaml);
        Map<String, Object> doc = root == null ? Map.of() : asMap(root, "document");
        Map<String, String> settings = new LinkedHashMap<>();
        asMap(doc.getOrDefault("switch", Map.of()), "switch").forEach((k, v) -> settings.put(k, String.valueOf(v)));

        Map<String, Map<String, Extension>> contexts = new LinkedHashMap<>();
        asMap(doc.getOrDefault("contexts", Map.of()), "contexts").forEach((ctxName, exts) -> {
            Map<String, Extension> m = new LinkedHashMap<>();
            asMap(exts, "contexts." + ctxName).forEach((extName, spec) -> m.put(extName, extension(extName, spec, "contexts." + ctxName + "." + extName)));
            contexts.put(ctxName, m);
        });

        Map<String, PhoneBehaviour> users = new LinkedHashMap<>();
        asMap(doc.getOrDefault("users", Map.of()), "users").forEach((id, spec) -> users.put(id, phone(spec, "users." + id)));

        Map<String, Dialplan.Gateway> gateways = new LinkedHashMap<>();
        asMap(doc.getOrDefault("gateways", Map.of()), "gateways").forEach((gw, spec) -> {
            Map<String, Object> g = asMap(spec, "gateways." + gw);
            PhoneBehaviour def = g.containsKey("default") ? phone(g.get("default"), "gateways." + gw + ".default") : PhoneBehaviour.ANSWER;
            Map<String, PhoneBehaviour> numbers = new LinkedHashMap<>();
            asMap(g.getOrDefault("numbers", Map.of()), "gateways." + gw + ".numbers")
                    .forEach((n, p) -> numbers.put(n, phone(p, "gateways." + gw + ".numbers." + n)));
            gateways.put(gw, new Dialplan.Gateway(gw, def, numbers));
        });

        Map<String, ConferenceProfile> profiles = new LinkedHashMap<>();
        asMap(doc.getOrDefault("conference_profiles", Map.of()), "conference_profiles").forEach((name, spec) -> {
            Map<String, Object> p = asMap(spec, "conference_profiles." + name);
            ConferenceProfile d = ConferenceProfile.defaults(name);
            profiles.put(name, new ConferenceProfile(name,
                    str(p, "enter_sound", d.enterSound()), str(p, "exit_sound", d.exitSound()),
                    str(p, "kicked_sound", d.kickedSound()), Integer.parseInt(str(p, "rate", Integer.toString(d.rate()))),
                    str(p, "alone_sound", d.aloneSound()), str(p, "moh_sound", d.mohSound()),
                    str(p, "caller_controls", d.callerControls())));
        });

        Map<String, Path> sounds = new LinkedHashMap<>();
        asMap(doc.getOrDefault("sounds", Map.of()), "sounds").forEach((prefix, dir) -> {
            Path p = Path.of(String.valueOf(dir));
            sounds.put(prefix, p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p));
        });
        return new Dialplan(contexts, users, gateways, profiles, sounds, settings);
    }

    private static Extension extension(String name, Object spec, String where) {
        if (spec instanceof List<?> list) {
            return new Extension(name, apps(list, where));
        }
        if (spec instanceof String s) {
            return new Extension(name, behaviour(s, Map.of(), where));
        }
        Map<String, Object> m = asMap(spec, where);
        if (m.containsKey("apps")) {
            Object apps = m.get("apps");
            if (!(apps instanceof List<?> list)) {
                throw new IllegalArgumentException(where + ".apps: expected a list of applications");
            }
            return new Extension(name, apps(list, where + ".apps"));
        }
        Object b = m.get("behaviour");
        if (b == null) {
            b = m.get("behavior");
        }
        if (b == null) {
            throw new IllegalArgumentException(where + ": needs 'behaviour' or 'apps'");
        }
        return new Extension(name, behaviour(String.valueOf(b), m, where));
    }

    private static List<AppCall> behaviour(String b, Map<String, Object> m, String where) {
        return switch (b) {
            case "park" -> List.of(new AppCall("park", ""));
            case "answer_park" -> List.of(new AppCall("answer", ""), new AppCall("park", ""));
            case "news", "conference" -> List.of(new AppCall("answer", ""), new AppCall("conference", str(m, "conference", "news@news")));
            case "outbound_socket", "socket" -> List.of(new AppCall("socket", str(m, "socket", "127.0.0.1:8084 async full")));
            case "echo" -> List.of(new AppCall("answer", ""), new AppCall("echo", ""));
            case "hangup" -> List.of(new AppCall("hangup", str(m, "cause", "")));
            default -> throw new IllegalArgumentException(where + ": unknown behaviour '" + b
                    + "' (park, answer_park, news, outbound_socket, echo, hangup, or give 'apps')");
        };
    }

    private static List<AppCall> apps(List<?> list, String where) {
        List<AppCall> out = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof String s) {
                out.add(AppCall.parse(s));
            } else if (o instanceof Map<?, ?> m && m.size() == 1) {
                var e = m.entrySet().iterator().next();
                out.add(new AppCall(String.valueOf(e.getKey()), e.getValue() == null ? "" : String.valueOf(e.getValue())));
            } else {
                throw new IllegalArgumentException(where + ": each application is 'name arg' or {name: arg}, got " + o);
            }
        }
        return out;
    }

    private static PhoneBehaviour phone(Object spec, String where) {
        if (spec instanceof String s) {
            return switch (s) {
                case "answer" -> PhoneBehaviour.ANSWER;
                case "busy" -> PhoneBehaviour.busy();
                case "unreachable" -> PhoneBehaviour.unreachable();
                case "no_answer", "ring" -> PhoneBehaviour.noAnswer();
                default -> throw new IllegalArgumentException(where + ": '" + s + "' is not answer, busy, unreachable or no_answer");
            };
        }
        Map<String, Object> m = asMap(spec == null ? Map.of() : spec, where);
        long answer = Long.parseLong(str(m, "answer_after_ms", "1000"));
        if ("no_answer".equals(str(m, "ring", "")) || "forever".equals(str(m, "ring", "")) || bool(m, "no_answer")) {
            answer = -1;
        }
        HangupCause fail = null;
        if (bool(m, "busy")) {
            fail = HangupCause.USER_BUSY;
        } else if (bool(m, "unreachable")) {
            fail = HangupCause.NETWORK_OUT_OF_ORDER;
        }
        String cause = str(m, "cause", null);
        if (cause != null) {
            fail = HangupCause.parse(cause);
            if (fail == null) {
                throw new IllegalArgumentException(where + ".cause: unknown hangup cause '" + cause + "'");
            }
        }
        long hangup = -1;
        if (m.containsKey("hangup_after_s")) {
            hangup = (long) (Double.parseDouble(str(m, "hangup_after_s", "0")) * 1000);
        } else if (m.containsKey("hangup_after_ms")) {
            hangup = Long.parseLong(str(m, "hangup_after_ms", "0"));
        }
        long ring = Long.parseLong(str(m, "ring_ms", "0"));
        return new PhoneBehaviour(answer, fail, hangup, ring);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o, String where) {
        if (o == null) {
            return Map.of();
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + ": expected a mapping, got " + o.getClass().getSimpleName());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static String str(Map<String, Object> m, String key, String fallback) {
        Object v = m.get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    private static boolean bool(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(String.valueOf(v));
    }
}

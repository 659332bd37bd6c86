package org.stationd.esl.sim.dialplan;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stationd.esl.sim.app.AppCall;

/**
 * What sim.yaml says: contexts of extensions, phones reachable as {@code user/<n>} and
 * {@code sofia/gateway/<gw>/<number>}, conference profiles, sound directories and the switch's
 * identity. Immutable once loaded.
 */
public final class Dialplan {
    private final Map<String, Map<String, Extension>> contexts;
    private final Map<String, PhoneBehaviour> users;
    private final Map<String, Gateway> gateways;
    private final Map<String, ConferenceProfile> conferenceProfiles;
    private final Map<String, Path> sounds;
    private final Map<String, String> settings;

    /** A gateway: its phones by number, and how any other number behaves. */
    public record Gateway(String name, PhoneBehaviour defaultBehaviour, Map<String, PhoneBehaviour> numbers) {
        public PhoneBehaviour behaviourFor(String number) {
            PhoneBehaviour b = numbers.get(number);
            return b != null ? b : defaultBehaviour;
        }
    }

    public Dialplan(Map<String, Map<String, Extension>> contexts, Map<String, PhoneBehaviour> users, Map<String, Gateway> gateways,
                    Map<String, ConferenceProfile> conferenceProfiles, Map<String, Path> sounds, Map<String, String> settings) {
        this.contexts = deepCopy(contexts);
        this.users = Map.copyOf(users);
        this.gateways = Map.copyOf(gateways);
        this.conferenceProfiles = Map.copyOf(conferenceProfiles);
        this.sounds = new LinkedHashMap<>(sounds);
        this.settings = Map.copyOf(settings);
    }

    /** The bundled real FreeSWITCH's {@code stations} context, for running the same dial strings on the simulator. */
    public static Dialplan bundledStations() {
        return DialplanLoader.bundledStations();
    }

    private static Map<String, Map<String, Extension>> deepCopy(Map<String, Map<String, Extension>> in) {
        Map<String, Map<String, Extension>> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, new LinkedHashMap<>(v)));
        return out;
    }

    /**
     * The extension {@code destination} routes to in {@code context}: an exact name first, then the
     * first key written as a regular expression ({@code ^…}) that matches, with $1… substituted into
     * the application arguments; null if none (NO_ROUTE_DESTINATION).
     */
    public Extension lookup(String context, String destination) {
        Map<String, Extension> ctx = contexts.get(context);
        if (ctx == null || destination == null) {
            return null;
        }
        Extension e = ctx.get(destination);
        if (e != null) {
            return e;
        }
        for (Map.Entry<String, Extension> en : ctx.entrySet()) {
            String key = en.getKey();
            if (!key.startsWith("^")) {
                continue;
            }
            Matcher m = Pattern.compile(key).matcher(destination);
            if (m.matches()) {
                List<AppCall> apps = en.getValue().apps().stream().map(a -> new AppCall(a.name(), substitute(a.arg(), m))).toList();
                return new Extension(destination, apps);
            }
        }
        return null;
    }

    private static String substitute(String arg, Matcher m) {
        String out = arg;
        for (int g = m.groupCount(); g >= 1; g--) {
            out = out.replace("$" + g, m.group(g) == null ? "" : m.group(g));
        }
        return out;
    }

    public boolean hasContext(String context) {
        return contexts.containsKey(context);
    }

    public Map<String, Map<String, Extension>> contexts() {
        return contexts;
    }

    public PhoneBehaviour user(String id) {
        return users.get(id);
    }

    /**
     * A copy in which these phones behave as given: {@code users} by id ({@code user/<id>}),
     * {@code gatewayNumbers} by gateway name and number; a gateway not in this dialplan is added
     * (other numbers on it are unreachable). A replay uses it to answer for recorded phones itself.
     */
    public Dialplan withPhones(Map<String, PhoneBehaviour> users, Map<String, Map<String, PhoneBehaviour>> gatewayNumbers) {
        Map<String, PhoneBehaviour> u = new LinkedHashMap<>(this.users);
        u.putAll(users);
        Map<String, Gateway> g = new LinkedHashMap<>(this.gateways);
        gatewayNumbers.forEach((name, numbers) -> {
            Gateway old = g.get(name);
            Map<String, PhoneBehaviour> n = new LinkedHashMap<>(old == null ? Map.of() : old.numbers());
            n.putAll(numbers);
            g.put(name, new Gateway(name, old == null ? PhoneBehaviour.unreachable() : old.defaultBehaviour(), n));
        });
        return new Dialplan(contexts, u, g, conferenceProfiles, sounds, settings);
    }

    /**
     * A copy in which {@code context} has these extensions by exact name (ahead of its patterns);
     * a context not in this dialplan is added. A replay routes recorded numbers with it.
     */
    public Dialplan withExtensions(String context, Map<String, Extension> byName) {
        Map<String, Map<String, Extension>> c = deepCopy(contexts);
        c.computeIfAbsent(context, k -> new LinkedHashMap<>()).putAll(byName);
        return new Dialplan(c, users, gateways, conferenceProfiles, sounds, settings);
    }

    public Map<String, PhoneBehaviour> users() {
        return users;
    }

    public Gateway gateway(String name) {
        return gateways.get(name);
    }

    public Map<String, Gateway> gateways() {
        return gateways;
    }

    /**
     * The profile a conference is created with. A name the configuration does not have gets
     * mod_conference's built-in settings, as on FreeSWITCH 1.10.12 (no sounds at all), not the
     * {@code default} profile.
     */
    public ConferenceProfile conferenceProfile(String name) {
        String n = name == null ? "default" : name;
        ConferenceProfile p = conferenceProfiles.get(n);
        if (p != null) {
            return p;
        }
        return n.equals("default") ? ConferenceProfile.defaults(n) : ConferenceProfile.builtIn(n);
    }

    public Map<String, Path> sounds() {
        return sounds;
    }

    /** A switch setting (hostname, ipv4, ipv6, domain, local_ip_v4, incoming_context…) or the fallback. */
    public String setting(String key, String fallback) {
        String v = settings.get(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    public Map<String, String> settings() {
        return settings;
    }

    /**
     * Whether the switch has the text-to-speech engine {@code engine} ({@code flite}): the
     * {@code switch: speech_modules} setting (comma-separated, or {@code none}); unset, every engine.
     */
    public boolean hasSpeechModule(String engine) {
        String modules = setting("speech_modules", "*").trim();
        if (modules.equals("*")) {
            return true;
        }
        return engine != null && java.util.Arrays.stream(modules.split(",")).map(String::trim).anyMatch(engine::equals);
    }
}

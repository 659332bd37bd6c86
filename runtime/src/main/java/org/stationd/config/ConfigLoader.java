package org.stationd.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads and validates stations.yaml. Every error is collected with file, line, column and key,
 * so a volunteer fixes them all in one go; {@link ConfigException} carries the list.
 *
 * <pre>
 * switch: sim                       # or esl://10.0.0.5:8021; several: switches: { east: esl://…, west: sim } (see SwitchesReader)
 * originates_per_second: 10         # calls placed per second at most (FreeSWITCH allows 30 sessions/s)
 * programs: programs
 * stations:
 *   - id: kampala
 *     name: Radio Kampala
 *     timezone: Africa/Kampala
 *     transmitter:                  # tried in this order
 *       - sip: user/1001
 *       - number: "0772000001"
 *         gateway: mtn
 *     lines: { call-in: "+256414000001", ivr: "+256414000009" }
 *     sms: "+256700200001"
 *     gateways: { mtn: { dial: "sofia/gateway/mtn/", prefix: "" } }
 *     program: playlist.groovy
 *     settings: { series: kampala-stories }
 *     group: east-news              # programs share topics and leases with this group's stations only
 *     switch: east                  # with switches: which one it runs on (none: the top-level switch:)
 * </pre>
 */
public final class ConfigLoader {
    private static final Set<String> TOP = Set.of("switch", "switches", "password", "outbound", "originates_per_second", "sim", "programs", "media", "data", "control", "database", "retention", "console", "cluster", "apology", "stations");
    private static final Set<String> STATION = Set.of("id", "name", "timezone", "transmitter", "lines", "sms", "gateways", "program", "settings", "schedule", "operators", "group", "switch");
    private static final Set<String> TRANSMITTER = Set.of("sip", "number", "gateway");
    private static final Set<String> GATEWAY = Set.of("dial", "prefix");
    private static final Set<String> CONTROL = Set.of("control", "publish", "subscribe", "keys");
    private static final Set<String> DATABASE = Set.of("url", "user", "password", "password_env");
    private static final Set<String> RETENTION = Set.of("eventlog", "calls", "texts", "recordings");
    private static final Set<String> CLUSTER = Set.of("host_id", "lease");
    private static final Set<String> SHOW = Set.of("program", "start", "duration", "end", "repeat", "except", "priority", "settings");

    private ConfigLoader() {}

    public static HostConfig load(Path file) throws ConfigException {
        return parse(file, ConfigText.read(file), false, null);
    }

    /**
     * {@link #load}, then what {@code run} will need is tried (see {@link RunReadiness}): sockets
     * bound and let go, the data folder, the JDBC driver. For {@code check} and {@code run}; not for
     * a running host re-reading its file, which holds those sockets itself.
     */
    public static HostConfig loadForRun(Path file) throws ConfigException {
        return parse(file, ConfigText.read(file), true, null);
    }

    /**
     * {@link #loadForRun} for {@code check}, which an operator runs while the host is up: a socket
     * port in use (most likely by that host) is a note added to {@code notes}, not an error.
     */
    public static HostConfig loadForCheck(Path file, java.util.List<String> notes) throws ConfigException {
        return parse(file, ConfigText.read(file), true, notes);
    }

    public static HostConfig parse(Path file, String text) throws ConfigException {
        return parse(file, text, false, null);
    }

    private static HostConfig parse(Path file, String text, boolean forRun, java.util.List<String> notes) throws ConfigException {
        String name = file.toString();
        Optional<Node> root;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(name).setCodePointLimit(ConfigText.MAX_BYTES).build();
            // the nesting limit sits between parser and composer: the composer recurses once per level
            root = new Composer(settings, new NestingLimit(new ParserImpl(settings, new StreamReader(settings, text)))).getSingleNode();
        } catch (NestingLimit.TooDeep e) {
            throw new ConfigException(List.of(new ConfigError(name, e.mark.map(m -> m.getLine() + 1).orElse(1),
                    e.mark.map(m -> m.getColumn() + 1).orElse(1), "", e.getMessage())));
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
            int col = e.getProblemMark().map(m -> m.getColumn() + 1).orElse(1);
            throw new ConfigException(List.of(new ConfigError(name, line, col, "", "not valid YAML: " + e.getProblem())));
        } catch (YamlEngineException e) {
            // limits without a place in the file (how many aliases, how long)
            throw new ConfigException(List.of(new ConfigError(name, 1, 1, "", "not valid YAML: " + e.getMessage())));
        }
        if (root.isEmpty()) {
            throw new ConfigException(List.of(new ConfigError(name, 1, 1, "", "the file is empty; it needs at least 'stations:'")));
        }
        NodeReader r = new NodeReader(name);
        Path base = file.toAbsolutePath().getParent();
        Map<String, Node> top = r.map(root.get(), "", TOP);

        Switches switches = SwitchesReader.read(r, top);
        SwitchConfig sw = switches.defaultConfig();
        if (top.containsKey("outbound")) {
            // incoming calls reach the host as parked channels over the inbound socket, never through FreeSWITCH's socket app
            r.error(top.get("outbound"), "outbound", "outbound: is not supported; stations.yaml lines are parked by the dialplan, see docs/freeswitch.md");
        }

        Path programs = dir(r, top, "programs", base, "programs", true);
        Path media = dir(r, top, "media", base, "programs/media", false);
        Path data = dir(r, top, "data", base, "data", false);
        ControlConfig control = control(r, top.get("control"), base);
        DatabaseConfig database = top.containsKey("database") ? database(r, top.get("database")) : null;
        RetentionConfig retention = top.containsKey("retention") ? retention(r, top.get("retention")) : RetentionConfig.DEFAULT;
        ConsoleConfig console = ConsoleConfig.read(r, top.get("console"));
        ClusterConfig cluster = top.containsKey("cluster") ? cluster(r, top.get("cluster")) : null;
        if (cluster != null && database == null && !top.containsKey("database")) {
            r.error(top.get("cluster"), "cluster", "the hosts of a cluster share one database: add database: { url: jdbc:postgresql://… }");
        }
        Path simDialplan = null;
        if (top.containsKey("sim")) {
            String sim = r.string(top.get("sim"), "sim");
            if (sim != null) {
                simDialplan = base.resolve(sim).normalize();
                if (!Files.isRegularFile(simDialplan)) {
                    r.error(top.get("sim"), "sim", "the simulated switch's dialplan '" + simDialplan + "' does not exist");
                }
            }
        }

        List<StationConfig> stations = new ArrayList<>();
        if (!top.containsKey("stations")) {
            r.error(root.get(), "", "missing required key 'stations'");
        } else {
            List<Node> list = r.list(top.get("stations"), "stations");
            Map<String, String> ids = new HashMap<>();
            Map<String, String> numbers = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                StationConfig s = station(r, list.get(i), "stations[" + i + "]", programs, ids, numbers, switches);
                if (s != null) {
                    stations.add(s);
                }
            }
        }
        if (forRun) {
            RunReadiness.check(r, root.get(), switches.inUse(stations).values(), simDialplan, control, data, database, notes);
            RunReadiness.console(r, root.get(), console, notes);
        }
        if (!r.errors().isEmpty()) {
            throw new ConfigException(r.errors());
        }
        String apology = top.containsKey("apology") ? r.string(top.get("apology"), "apology") : null;
        return new HostConfig(file, sw, programs, media, data, control, List.copyOf(stations), simDialplan, database, retention, console, cluster, apology,
                switches);
    }

    private static Path dir(NodeReader r, Map<String, Node> top, String key, Path base, String fallback, boolean mustExist) {
        String value = top.containsKey(key) ? r.string(top.get(key), key) : fallback;
        if (value == null) {
            return base.resolve(fallback);
        }
        Path p = base.resolve(value).normalize();
        if (mustExist && !Files.isDirectory(p)) {
            r.error(top.get(key), key, "directory '" + p + "' does not exist");
        }
        return p;
    }

    /** {@code retention: { eventlog: 30d, calls: 365d, texts: 90d, recordings: 7d }}: whole days, or {@code forever}; unnamed ones keep their default. */
    private static RetentionConfig retention(NodeReader r, Node node) {
        Map<String, Node> m = r.map(node, "retention", RETENTION);
        RetentionConfig d = RetentionConfig.DEFAULT;
        return new RetentionConfig(days(r, m, "eventlog", d.eventLogs()), days(r, m, "calls", d.calls()),
                days(r, m, "texts", d.texts()), days(r, m, "recordings", d.recordings()));
    }

    private static java.time.Duration days(NodeReader r, Map<String, Node> m, String key, java.time.Duration fallback) {
        if (!m.containsKey(key)) {
            return fallback;
        }
        String v = r.string(m.get(key), "retention." + key);
        if (v == null) {
            return fallback;
        }
        String t = v.trim();
        if (t.equals("forever")) {
            return null;
        }
        java.util.regex.Matcher days = java.util.regex.Pattern.compile("(\\d{1,5})\\s*d?").matcher(t);
        if (!days.matches() || Integer.parseInt(days.group(1)) < 1) {
            r.error(m.get(key), "retention." + key, "must be a number of days of at least 1, like 30d, or 'forever'; found '" + v + "'");
            return fallback;
        }
        return java.time.Duration.ofDays(Integer.parseInt(days.group(1)));
    }

    /** {@code cluster: { host_id: studio-a, lease: 15s }}: both optional (this machine's name, 15 s). */
    private static ClusterConfig cluster(NodeReader r, Node node) {
        Map<String, Node> m = r.map(node, "cluster", CLUSTER);
        String host = m.containsKey("host_id") ? r.string(m.get("host_id"), "cluster.host_id") : null;
        if (host != null && !host.matches("[A-Za-z0-9._-]{1,100}")) {
            r.error(m.get("host_id"), "cluster.host_id", "must be 1 to 100 letters, digits, '.', '_' or '-', found '" + host + "'");
        }
        if (host == null) {
            host = org.stationd.cluster.HostIds.thisMachine();
        }
        java.time.Duration lease = ClusterConfig.DEFAULT_LEASE;
        String text = m.containsKey("lease") ? r.string(m.get("lease"), "cluster.lease") : null;
        if (text != null) {
            try {
                lease = org.stationd.schedule.Durations.parse(text);
                if (lease.compareTo(ClusterConfig.SHORTEST_LEASE) < 0 || lease.compareTo(ClusterConfig.LONGEST_LEASE) > 0) {
                    r.error(m.get("lease"), "cluster.lease", "must be between 1s and 10m, found '" + text + "'");
                    lease = ClusterConfig.DEFAULT_LEASE;
                }
            } catch (IllegalArgumentException e) {
                r.error(m.get("lease"), "cluster.lease", e.getMessage());
            }
        }
        return new ClusterConfig(host, lease);
    }

    /** {@code database: { url: jdbc:…, user: …, password_env: VAR }}; the password may also be given as is. */
    private static DatabaseConfig database(NodeReader r, Node node) {
        Map<String, Node> m = r.map(node, "database", DATABASE);
        r.require(m, node, "database", "url");
        String url = m.containsKey("url") ? r.string(m.get("url"), "database.url") : null;
        if (url != null && !url.startsWith("jdbc:")) {
            r.error(m.get("url"), "database.url", "must be a JDBC URL such as 'jdbc:postgresql://host/stationd', found '" + url + "'");
        }
        String user = m.containsKey("user") ? r.string(m.get("user"), "database.user") : null;
        String password = m.containsKey("password") ? r.string(m.get("password"), "database.password") : null;
        if (m.containsKey("password_env")) {
            String var = r.string(m.get("password_env"), "database.password_env");
            password = var == null ? null : System.getenv(var);
            if (var != null && password == null) {
                r.error(m.get("password_env"), "database.password_env", "the environment variable " + var + " is not set");
            }
        }
        return url == null ? null : new DatabaseConfig(url, user, password);
    }

    /**
     * The control sockets. Operators beyond this machine must be authenticated: a control endpoint
     * that is not loopback needs {@code keys} (made by {@code ./stationd keys}), or the host does not start.
     */
    private static ControlConfig control(NodeReader r, Node node, Path base) {
        if (node == null) {
            return ControlConfig.DEFAULT;
        }
        Map<String, Node> m = r.map(node, "control", CONTROL);
        String ctl = m.containsKey("control") ? r.string(m.get("control"), "control.control") : ControlConfig.DEFAULT.control();
        String pub = m.containsKey("publish") ? r.string(m.get("publish"), "control.publish") : ControlConfig.DEFAULT.publish();
        ctl = wellFormed(r, m, "control", ctl);
        pub = wellFormed(r, m, "publish", pub);
        List<String> subs = new ArrayList<>();
        if (m.containsKey("subscribe")) {
            List<Node> l = r.list(m.get("subscribe"), "control.subscribe");
            for (int i = 0; i < l.size(); i++) {
                String s = r.string(l.get(i), "control.subscribe[" + i + "]");
                String problem = s == null ? null : EndpointSyntax.problem(s);
                if (problem != null) {
                    r.error(l.get(i), "control.subscribe[" + i + "]", problem);
                } else if (s != null) {
                    subs.add(s);
                }
            }
        }
        Path keys = null;
        if (m.containsKey("keys")) {
            String k = r.string(m.get("keys"), "control.keys");
            if (k != null) {
                keys = base.resolve(k).normalize();
                String problem = org.stationd.control.ControlKeys.hostProblem(keys);
                if (problem != null) {
                    r.error(m.get("keys"), "control.keys", problem);
                }
            }
        }
        if (keys == null && !m.containsKey("keys")) {
            needsKeys(r, m, node, "control", ctl, "operators must be authenticated");
            needsKeys(r, m, node, "publish", pub, "only operators may hear what the stations do (callers' numbers among it)");
        }
        return new ControlConfig(ctl, pub, List.copyOf(subs), keys);
    }

    /** A socket bound beyond this machine without keys: refused, saying how to fix it. */
    private static void needsKeys(NodeReader r, Map<String, Node> m, Node node, String key, String endpoint, String why) {
        if (endpoint != null && !org.stationd.control.Endpoints.isLoopback(endpoint)) {
            r.error(m.containsKey(key) ? m.get(key) : node, "control." + key, "'" + endpoint + "' is reachable from the network, so " + why
                    + ": run ./stationd keys and add 'keys: keys' under control: (or bind to tcp://127.0.0.1:PORT)");
        }
    }

    /** The endpoint, or null (and an error) if ZeroMQ could not use it. */
    private static String wellFormed(NodeReader r, Map<String, Node> control, String key, String endpoint) {
        String problem = endpoint == null ? null : EndpointSyntax.problem(endpoint);
        if (problem == null) {
            return endpoint;
        }
        r.error(control.get(key), "control." + key, problem);
        return null;
    }

    private static StationConfig station(NodeReader r, Node node, String path, Path programs,
                                         Map<String, String> ids, Map<String, String> numbers, Switches switches) {
        int before = r.errors().size();
        Map<String, Node> m = r.map(node, path, STATION);
        r.require(m, node, path, "id", "timezone", "program");
        String id = m.containsKey("id") ? r.string(m.get("id"), path + ".id") : null;
        if (id != null) {
            if (!id.matches("[a-z0-9][a-z0-9_-]*")) {
                r.error(m.get("id"), path + ".id", "'" + id + "' must be lower-case letters, digits, '-' or '_'");
            } else if (ids.putIfAbsent(id, path) != null) {
                r.error(m.get("id"), path + ".id", "duplicate station id '" + id + "' (also " + ids.get(id) + ")");
            }
        }
        String label = id == null ? path : "station " + id;
        String name = m.containsKey("name") ? r.string(m.get("name"), path + ".name") : id;
        ZoneId zone = null;
        if (m.containsKey("timezone")) {
            String tz = r.string(m.get("timezone"), path + ".timezone");
            if (tz != null) {
                try {
                    zone = ZoneId.of(tz);
                } catch (DateTimeException e) {
                    r.error(m.get("timezone"), path + ".timezone", "unknown timezone '" + tz + "' (use a name like Africa/Kampala)");
                }
            }
        }
        Map<String, Gateway> gateways = new LinkedHashMap<>();
        if (m.containsKey("gateways")) {
            Map<String, Node> gw = r.map(m.get("gateways"), path + ".gateways", null);
            gw.forEach((gname, gnode) -> {
                String gp = path + ".gateways." + gname;
                Map<String, Node> g = r.map(gnode, gp, GATEWAY);
                r.require(g, gnode, gp, "dial");
                String dial = g.containsKey("dial") ? r.string(g.get("dial"), gp + ".dial") : null;
                String prefix = g.containsKey("prefix") ? r.string(g.get("prefix"), gp + ".prefix") : "";
                if (dial != null) {
                    gateways.put(gname, new Gateway(gname, dial, prefix));
                }
            });
        }
        List<Transmitter> transmitters = new ArrayList<>();
        if (m.containsKey("transmitter")) {
            List<Node> tl = r.oneOrMany(m.get("transmitter"));
            for (int i = 0; i < tl.size(); i++) {
                String tp = path + ".transmitter[" + i + "]";
                Map<String, Node> t = r.map(tl.get(i), tp, TRANSMITTER);
                if (t.containsKey("sip")) {
                    String dial = r.string(t.get("sip"), tp + ".sip");
                    if (t.containsKey("number")) {
                        r.error(t.get("number"), tp + ".number", "give either 'sip' or 'number', not both");
                    }
                    if (dial != null) {
                        transmitters.add(new Transmitter("sip", dial, null, null));
                    }
                } else if (t.containsKey("number")) {
                    String number = r.string(t.get("number"), tp + ".number");
                    String gw = t.containsKey("gateway") ? r.string(t.get("gateway"), tp + ".gateway") : null;
                    if (gw == null && !t.containsKey("gateway")) {
                        r.error(tl.get(i), tp, "a 'number' needs a 'gateway' to dial it through");
                    } else if (gw != null && !gateways.containsKey(gw)) {
                        r.error(t.get("gateway"), tp + ".gateway", "unknown gateway '" + gw + "'" + (gateways.isEmpty() ? "; define it under gateways:" : "; known: " + String.join(", ", gateways.keySet())));
                    }
                    if (number != null) {
                        claim(r, numbers, number, label + " transmitter", t.get("number"), tp + ".number");
                        if (gw != null && gateways.containsKey(gw)) {
                            transmitters.add(new Transmitter("sim" + (i + 1), null, number, gw));
                        }
                    }
                } else if (!t.isEmpty() || tl.get(i) != null) {
                    r.error(tl.get(i), tp, "needs 'sip' (a dial string) or 'number' with 'gateway'");
                }
            }
        }
        Map<String, List<String>> lines = new LinkedHashMap<>();
        if (m.containsKey("lines")) {
            Map<String, Node> lm = r.map(m.get("lines"), path + ".lines", null);
            lm.forEach((lname, lnode) -> {
                List<String> nums = new ArrayList<>();
                List<Node> items = r.oneOrMany(lnode);
                for (int i = 0; i < items.size(); i++) {
                    String lp = path + ".lines." + lname + (items.size() > 1 ? "[" + i + "]" : "");
                    String num = r.string(items.get(i), lp);
                    if (num != null) {
                        claim(r, numbers, num, label + " line " + lname, items.get(i), lp);
                        nums.add(num);
                    }
                }
                if (!nums.isEmpty()) {
                    lines.put(lname, List.copyOf(nums));
                }
            });
        }
        String sms = null;
        if (m.containsKey("sms")) {
            sms = r.string(m.get("sms"), path + ".sms");
            if (sms != null) {
                claim(r, numbers, "sms:" + sms, label + " sms", m.get("sms"), path + ".sms");
            }
        }
        String program = m.containsKey("program") ? r.string(m.get("program"), path + ".program") : null;
        if (program != null && !Files.isRegularFile(programs.resolve(program))) {
            r.error(m.get("program"), path + ".program", "program file '" + programs.resolve(program) + "' does not exist");
        }
        Map<String, Object> settings = m.containsKey("settings") ? r.freeMap(m.get("settings"), path + ".settings") : Map.of();
        List<ConfiguredShow> shows = new ArrayList<>();
        if (m.containsKey("schedule")) {
            List<Node> items = r.list(m.get("schedule"), path + ".schedule");
            for (int i = 0; i < items.size(); i++) {
                ConfiguredShow show = show(r, items.get(i), path + ".schedule[" + i + "]", programs);
                if (show != null) shows.add(show);
            }
        }
        List<String> operators = new ArrayList<>();
        if (m.containsKey("operators")) {
            for (Node n : r.oneOrMany(m.get("operators"))) {
                String num = r.string(n, path + ".operators");
                if (num != null) operators.add(num);
            }
            if (sms == null && !operators.isEmpty()) {
                r.error(m.get("operators"), path + ".operators", "operators are told by SMS: the station needs an 'sms' number to send from");
            }
        }
        String group = m.containsKey("group") ? r.string(m.get("group"), path + ".group") : null;
        if (group != null && !group.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            r.error(m.get("group"), path + ".group", "'" + group + "' must be lower-case letters, digits, '-' or '_', at most 64");
        }
        String switchName = switchOf(r, m, node, path, switches);
        if (r.errors().size() > before) {
            return null;
        }
        return new StationConfig(id, name, zone, List.copyOf(transmitters), lines, sms, gateways, program, settings, List.copyOf(shows),
                List.copyOf(operators), group, switchName);
    }

    /** The station's {@code switch: NAME}, one of {@code switches:}; none: the default one (null). */
    private static String switchOf(NodeReader r, Map<String, Node> m, Node node, String path, Switches switches) {
        if (!m.containsKey("switch")) {
            if (switches.defaultName() == null) {
                r.error(node, path + ".switch", "missing: say which switch it runs on (" + String.join(", ", switches.named().keySet())
                        + "), or give the stations that name none a default with top-level switch: NAME");
            }
            return null;
        }
        String name = r.string(m.get("switch"), path + ".switch");
        if (name != null && !switches.named().containsKey(name)) {
            String hint = org.stationd.text.Suggest.closest(name, switches.named().keySet());
            r.error(m.get("switch"), path + ".switch", "unknown switch '" + name + "'; " + (hint != null ? "did you mean '" + hint + "'? " : "")
                    + "known: " + String.join(", ", switches.named().keySet()) + " (name switches under switches: at the top)");
            return null;
        }
        return name;
    }

    /** One show of a station's grid: program, start (local), duration or end, repeat rule, exceptions, priority, settings. */
    private static ConfiguredShow show(NodeReader r, Node node, String path, Path programs) {
        int before = r.errors().size();
        Map<String, Node> m = r.map(node, path, SHOW);
        r.require(m, node, path, "program", "start");
        String program = m.containsKey("program") ? r.string(m.get("program"), path + ".program") : null;
        if (program != null && !Files.isRegularFile(programs.resolve(program))) {
            r.error(m.get("program"), path + ".program", "program file '" + programs.resolve(program) + "' does not exist");
        }
        java.time.LocalDateTime start = null;
        if (m.containsKey("start")) {
            String s = r.string(m.get("start"), path + ".start");
            try {
                start = s == null ? null : java.time.LocalDateTime.parse(s);
            } catch (java.time.format.DateTimeParseException e) {
                r.error(m.get("start"), path + ".start", "'" + s + "' is not a local date and time like 2026-11-23T08:00");
            }
        }
        java.time.Duration duration = null;
        if (m.containsKey("duration") == m.containsKey("end")) {
            r.error(node, path, "give either 'duration' (e.g. 1h30m) or 'end' (e.g. 09:30), one of them");
        } else if (m.containsKey("duration")) {
            String d = r.string(m.get("duration"), path + ".duration");
            try {
                duration = d == null ? null : org.stationd.schedule.Durations.parse(d);
            } catch (IllegalArgumentException e) {
                r.error(m.get("duration"), path + ".duration", e.getMessage());
            }
        } else {
            String e = r.string(m.get("end"), path + ".end");
            try {
                java.time.LocalTime end = java.time.LocalTime.parse(e);
                if (start != null) {
                    java.time.Duration d = java.time.Duration.between(start.toLocalTime(), end);
                    duration = d.isNegative() || d.isZero() ? d.plusDays(1) : d;   // ends after midnight
                }
            } catch (java.time.format.DateTimeParseException | NullPointerException ex) {
                r.error(m.get("end"), path + ".end", "'" + e + "' is not a time of day like 09:30");
            }
        }
        String rrule = null;
        if (m.containsKey("repeat")) {
            rrule = r.string(m.get("repeat"), path + ".repeat");
            try {
                if (rrule != null) org.stationd.schedule.Recurrence.parse(rrule);
            } catch (IllegalArgumentException e) {
                r.error(m.get("repeat"), path + ".repeat", e.getMessage());
            }
        }
        java.util.Set<java.time.LocalDateTime> except = new java.util.HashSet<>();
        if (m.containsKey("except")) {
            for (Node n : r.oneOrMany(m.get("except"))) {
                String x = r.string(n, path + ".except");
                try {
                    if (x != null) except.add(java.time.LocalDateTime.parse(x));
                } catch (java.time.format.DateTimeParseException e) {
                    r.error(n, path + ".except", "'" + x + "' is not a local date and time like 2026-12-25T08:00");
                }
            }
        }
        Integer priority = m.containsKey("priority") ? r.integer(m.get("priority"), path + ".priority", -100, 100) : Integer.valueOf(0);
        Map<String, Object> settings = m.containsKey("settings") ? r.freeMap(m.get("settings"), path + ".settings") : Map.of();
        if (r.errors().size() > before || priority == null) {
            return null;
        }
        return new ConfiguredShow(program, start, duration, rrule, java.util.Set.copyOf(except), priority, settings);
    }

    /** A phone number belongs to one place only; routing depends on it. */
    private static void claim(NodeReader r, Map<String, String> numbers, String number, String owner, Node at, String path) {
        String prev = numbers.putIfAbsent(number, owner);
        if (prev != null) {
            r.error(at, path, "number " + number.replace("sms:", "") + " is already used by " + prev);
        }
    }
}

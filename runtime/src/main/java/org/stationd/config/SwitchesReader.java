package org.stationd.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads which switches the host drives:
 * <pre>
 * switch: sim                     # one switch for every station (the default: sim)
 * password: ClueCon               # its Event Socket password; with switches: the default for each
 * originates_per_second: 10       # calls placed per second at most, per switch
 *
 * switches:                       # several: each station says which with switch: NAME
 *   east: esl://10.0.0.5:8021
 *   west: { url: esl://10.0.0.6:8021, password: secret, originates_per_second: 5 }
 *   lab: sim                      # each sim entry is its own embedded simulated switch
 * switch: east                    # optional with switches: the switch of stations that name none
 * </pre>
 * Two names for one FreeSWITCH are refused: each connection would refuse the calls of the other's
 * stations as wrong numbers.
 */
final class SwitchesReader {
    private static final Set<String> ENTRY = Set.of("url", "password", "originates_per_second");
    private static final String NAME = "[a-z0-9][a-z0-9_-]{0,63}";

    private SwitchesReader() {}

    static Switches read(NodeReader r, Map<String, Node> top) {
        String password = top.containsKey("password") ? r.string(top.get("password"), "password") : null;
        Integer rate = top.containsKey("originates_per_second") ? r.integer(top.get("originates_per_second"), "originates_per_second", 1, 1000) : null;
        Map<String, SwitchConfig> named = top.containsKey("switches") ? list(r, top.get("switches"), password, rate) : Map.of();
        String topUrl = top.containsKey("switch") ? r.string(top.get("switch"), "switch") : null;
        if (named.isEmpty() && !top.containsKey("switches")) {
            SwitchConfig sw = SwitchConfig.parseUrl(topUrl == null ? "sim" : topUrl, password);
            if (sw == null) {
                r.error(top.get("switch"), "switch", "must be 'sim' or 'esl://host:port', found '" + topUrl + "'");
                sw = SwitchConfig.parseUrl("sim", password);
            }
            return Switches.single(rate == null ? sw : sw.withOriginatesPerSecond(rate));
        }
        if (named.isEmpty()) {   // switches: given but unreadable (its errors are reported): the stations' checks still run
            named = Map.of(Switches.DEFAULT, SwitchConfig.SIM);
        }
        if (topUrl == null) {
            return new Switches(null, named);
        }
        if (named.containsKey(topUrl)) {
            return new Switches(topUrl, named);
        }
        SwitchConfig sw = SwitchConfig.parseUrl(topUrl, password);
        if (sw == null) {
            r.error(top.get("switch"), "switch", "must name one of switches: (" + String.join(", ", named.keySet())
                    + "), or be 'sim' or 'esl://host:port'; found '" + topUrl + "'");
            return new Switches(null, named);
        }
        if (named.containsKey(Switches.DEFAULT)) {
            r.error(top.get("switch"), "switch", "the top-level switch is named '" + Switches.DEFAULT + "', and switches: has one of that name too:"
                    + " rename it, or write switch: " + Switches.DEFAULT);
        }
        Map<String, SwitchConfig> all = new LinkedHashMap<>(named);
        all.put(Switches.DEFAULT, rate == null ? sw : sw.withOriginatesPerSecond(rate));
        named.forEach((name, other) -> {
            if (!sw.simulated() && !other.simulated() && sw.host().equals(other.host()) && sw.port() == other.port()) {
                r.error(top.get("switch"), "switch", "is the same FreeSWITCH (" + sw.host() + ":" + sw.port() + ") as switches." + name
                        + ": write switch: " + name);
            }
        });
        return new Switches(Switches.DEFAULT, all);
    }

    private static Map<String, SwitchConfig> list(NodeReader r, Node node, String password, Integer rate) {
        Map<String, SwitchConfig> out = new LinkedHashMap<>();
        Map<String, Node> m = r.map(node, "switches", null);
        if (node instanceof org.snakeyaml.engine.v2.nodes.MappingNode mn && mn.getValue().isEmpty()) {
            r.error(node, "switches", "lists no switch; give each a name: switches: { east: esl://10.0.0.5:8021 }");
        }
        m.forEach((name, value) -> {
            String path = "switches." + name;
            if (!name.matches(NAME)) {
                r.error(value, path, "the name '" + name + "' must be lower-case letters, digits, '-' or '_', at most 64");
                return;
            }
            SwitchConfig sw = entry(r, value, path, password, rate);
            if (sw != null) out.put(name, sw);
        });
        sameSwitchTwice(r, m, out);
        return out;
    }

    /** {@code sim}, {@code esl://host:port}, or {@code { url: …, password: …, originates_per_second: … }}. */
    private static SwitchConfig entry(NodeReader r, Node value, String path, String password, Integer rate) {
        String url;
        String pw = password;
        Integer perSecond = rate;
        Node at = value;
        if (value instanceof ScalarNode) {
            url = r.string(value, path);
        } else {
            Map<String, Node> e = r.map(value, path, ENTRY);
            r.require(e, value, path, "url");
            if (!e.containsKey("url")) return null;
            at = e.get("url");
            url = r.string(at, path + ".url");
            if (e.containsKey("password")) pw = r.string(e.get("password"), path + ".password");
            if (e.containsKey("originates_per_second")) {
                perSecond = r.integer(e.get("originates_per_second"), path + ".originates_per_second", 1, 1000);
            }
        }
        if (url == null) return null;
        SwitchConfig sw = SwitchConfig.parseUrl(url, pw);
        if (sw == null) {
            r.error(at, path, "must be 'sim' or 'esl://host:port', found '" + url + "'");
            return null;
        }
        return perSecond == null ? sw : sw.withOriginatesPerSecond(perSecond);
    }

    /** One FreeSWITCH under two names: each connection would take the other's listeners for wrong numbers and refuse them. */
    private static void sameSwitchTwice(NodeReader r, Map<String, Node> at, Map<String, SwitchConfig> switches) {
        Map<String, String> seen = new LinkedHashMap<>();
        switches.forEach((name, sw) -> {
            if (sw.simulated()) return;
            String address = sw.host() + ":" + sw.port();
            String other = seen.putIfAbsent(address, name);
            if (other != null) {
                r.error(at.get(name), "switches." + name, "is the same FreeSWITCH (" + address + ") as '" + other + "': name each switch once"
                        + " and let its stations say switch: " + other);
            }
        });
    }
}

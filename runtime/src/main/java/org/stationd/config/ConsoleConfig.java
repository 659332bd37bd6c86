package org.stationd.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The web console ({@code console:} in stations.yaml): where it listens ({@code HOST:PORT}, port 0 for
 * any free one; null when {@code listen: off}) and the access tokens: {@code tokens} may do anything,
 * {@code readOnlyTokens} may only look. On loopback no token is needed; bound beyond it at least one
 * full token must be configured, or the host does not start.
 */
public record ConsoleConfig(String host, int port, List<String> tokens, List<String> readOnlyTokens) {
    public static final ConsoleConfig DEFAULT = new ConsoleConfig("127.0.0.1", 8080, List.of(), List.of());
    private static final Set<String> KEYS = Set.of("listen", "token", "token_env", "read_only_token", "read_only_token_env");
    /** Short tokens are guessed: a token must be this long. */
    static final int MIN_TOKEN_CHARS = 16;

    public ConsoleConfig {
        tokens = List.copyOf(tokens);
        readOnlyTokens = List.copyOf(readOnlyTokens);
    }

    /** Reachable from this machine only: 127.x.x.x, ::1 or localhost. */
    public boolean loopback() {
        return host.equals("localhost") || host.equals("::1") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** On the default address: without it the host still runs (it warns), as nobody asked for this port by name. */
    public boolean onDefaultAddress() {
        return host.equals(DEFAULT.host) && port == DEFAULT.port;
    }

    public String listen() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code console: { listen: "HOST:PORT" | off, token | token_env, read_only_token | read_only_token_env }}; null: no console. */
    static ConsoleConfig read(NodeReader r, Node node) {
        if (node == null) return DEFAULT;
        Map<String, Node> m = r.map(node, "console", KEYS);
        String host = DEFAULT.host();
        int port = DEFAULT.port();
        if (m.containsKey("listen")) {
            String listen = r.string(m.get("listen"), "console.listen");
            if (listen == null) return DEFAULT;
            if (listen.trim().equals("off")) return null;
            java.util.regex.Matcher hp = java.util.regex.Pattern.compile("(\\[[0-9a-fA-F:]+]|[A-Za-z0-9.\\-]+):(\\d{1,5})").matcher(listen.trim());
            if (!hp.matches() || Integer.parseInt(hp.group(2)) > 65535) {
                r.error(m.get("listen"), "console.listen", "must be HOST:PORT such as 127.0.0.1:8080 (port 0: any free one) or 'off', found '" + listen + "'");
            } else {
                host = hp.group(1).replace("[", "").replace("]", "");
                port = Integer.parseInt(hp.group(2));
            }
        }
        List<String> full = token(r, m, "token");
        List<String> readOnly = token(r, m, "read_only_token");
        ConsoleConfig c = new ConsoleConfig(host, port, full, readOnly);
        if (!c.loopback() && full.isEmpty() && r.errors().stream().noneMatch(e -> e.key().startsWith("console."))) {
            r.error(m.containsKey("listen") ? m.get("listen") : node, "console.listen", "'" + c.listen() + "' is reachable from the network, so the console"
                    + " needs an access token: add 'token_env: STATIOND_CONSOLE_TOKEN' (an environment variable holding it) or 'token: …' under console:"
                    + " (or listen on 127.0.0.1)");
        }
        return c;
    }

    /** {@code KEY: literal} or {@code KEY_env: VARIABLE}: none, or the one token. */
    private static List<String> token(NodeReader r, Map<String, Node> m, String key) {
        String path = "console." + key;
        String value = null;
        Node at = m.get(key);
        if (m.containsKey(key) && m.containsKey(key + "_env")) {
            r.error(m.get(key + "_env"), path + "_env", "give " + key + " or " + key + "_env, not both");
            return List.of();
        }
        if (m.containsKey(key)) {
            value = r.string(at, path);
        } else if (m.containsKey(key + "_env")) {
            at = m.get(key + "_env");
            String var = r.string(at, path + "_env");
            if (var == null) return List.of();
            value = System.getenv(var);
            if (value == null) {
                r.error(at, path + "_env", "the environment variable " + var + " is not set");
                return List.of();
            }
            path = path + "_env";
        }
        if (value == null) return List.of();
        if (value.length() < MIN_TOKEN_CHARS || !value.matches("[\\x21-\\x7e]+")) {
            r.error(at, path, "a console token must be at least " + MIN_TOKEN_CHARS + " printable characters without spaces");
            return List.of();
        }
        return List.of(value);
    }
}

package org.stationd.esl.sim.originate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stationd.esl.sim.app.AppCall;

/**
 * {@code originate <dial string> <exten>|&<app>(<args>) [<dialplan>] [<context>] [<cid_name>] [<cid_num>] [<timeout>]}
 * parsed: the {@code {var=value,…}} block (values may be quoted or use {@code \,}), the endpoints
 * ({@code |} tries them one after another), and what the answered call does.
 */
public record OriginateRequest(Map<String, String> vars, List<String> endpoints, AppCall app, String exten,
                               String dialplan, String context, String cidName, String cidNum, int timeoutSeconds) {

    /** The dial string of a bridge application: the legs run nothing of their own once answered. */
    public static OriginateRequest forBridge(String dial) {
        OriginateRequest r = parse(dial.trim() + " bridge");
        return new OriginateRequest(r.vars(), r.endpoints(), null, null, r.dialplan(), r.context(), null, null, r.timeoutSeconds());
    }

    public boolean forBridgeLeg() {
        return app == null && exten == null;
    }

    public static OriginateRequest parse(String args) {
        String s = args == null ? "" : args.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("-USAGE: <call url> <exten>|&<application_name>(<app_args>) [<dialplan>] [<context>] [<cid_name>] [<cid_num>] [<timeout_sec>]");
        }
        int i = 0;
        if (s.startsWith("{")) {
            i = closing(s, 0, '{', '}') + 1;
        }
        int sp = s.indexOf(' ', i);
        String dial = sp < 0 ? s : s.substring(0, sp);
        String rest = sp < 0 ? "" : s.substring(sp + 1).trim();
        Map<String, String> vars = new LinkedHashMap<>();
        String ep = dial;
        if (dial.startsWith("{")) {
            int close = closing(dial, 0, '{', '}');
            parseVars(dial.substring(1, close), vars);
            ep = dial.substring(close + 1);
        }
        List<String> endpoints = new ArrayList<>();
        for (String e : ep.split("\\|")) {
            String t = e.trim();
            int comma = t.indexOf(',');
            if (comma >= 0) {
                t = t.substring(0, comma);   // simultaneous ringing: the first endpoint stands for the group
            }
            if (t.startsWith("[")) {
                int close = closing(t, 0, '[', ']');
                parseVars(t.substring(1, close), vars);
                t = t.substring(close + 1);
            }
            if (!t.isEmpty()) {
                endpoints.add(t);
            }
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("-USAGE: <call url> <exten>|&<application_name>(<app_args>) [<dialplan>] [<context>] [<cid_name>] [<cid_num>] [<timeout_sec>]");
        }
        AppCall app = null;
        String exten = null;
        String after;
        if (rest.startsWith("&")) {
            int open = rest.indexOf('(');
            int spc = rest.indexOf(' ');
            if (open >= 0 && (spc < 0 || open < spc)) {
                int close = rest.lastIndexOf(')');
                int end = close;
                // the argument may hold spaces; the optional words follow the last ')'
                String name = rest.substring(1, open);
                String arg = close > open ? rest.substring(open + 1, close) : rest.substring(open + 1);
                app = new AppCall(name, arg);
                after = end >= 0 && end + 1 < rest.length() ? rest.substring(end + 1).trim() : "";
            } else {
                String word = spc < 0 ? rest.substring(1) : rest.substring(1, spc);
                app = new AppCall(word, "");
                after = spc < 0 ? "" : rest.substring(spc + 1).trim();
            }
        } else {
            int spc = rest.indexOf(' ');
            exten = spc < 0 ? rest : rest.substring(0, spc);
            after = spc < 0 ? "" : rest.substring(spc + 1).trim();
        }
        String[] words = after.isEmpty() ? new String[0] : after.split(" +");
        String dp = word(words, 0);
        String ctx = word(words, 1);
        String cidName = word(words, 2);
        String cidNum = word(words, 3);
        int timeout = 60;
        String t = word(words, 4);
        if (t != null) {
            try {
                timeout = Integer.parseInt(t);
            } catch (NumberFormatException ignored) {
                timeout = 60;
            }
        }
        String ot = vars.get("originate_timeout");
        if (ot != null) {
            try {
                timeout = Integer.parseInt(ot.trim());
            } catch (NumberFormatException ignored) {
                // keep the default
            }
        }
        return new OriginateRequest(vars, endpoints, app, exten, dp == null ? "XML" : dp, ctx == null ? "default" : ctx, cidName, cidNum, timeout);
    }

    private static String word(String[] w, int i) {
        if (i >= w.length) {
            return null;
        }
        return "undef".equalsIgnoreCase(w[i]) ? null : w[i];
    }

    private static int closing(String s, int from, char open, char close) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == open) {
                depth++;
            } else if (c == close) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("-ERR unbalanced " + open + close + " in originate string");
    }

    /** a=b,c='d,e',f=g\,h → three variables. */
    static void parseVars(String body, Map<String, String> out) {
        StringBuilder cur = new StringBuilder();
        List<String> parts = new ArrayList<>();
        char quote = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                cur.append(body.charAt(++i));
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ',') {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        for (String p : parts) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                out.put(p.substring(0, eq).trim(), p.substring(eq + 1));
            }
        }
    }
}

package org.stationd.esl.sim.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.channel.ChannelState;

/**
 * {@code show channels|calls [count] [as json|as xml|as delim <d>]}, {@code show application},
 * {@code show modules}. JSON matches FreeSWITCH's quirk: {@code {"row_count": 0}} with a space when
 * empty, compact otherwise. Hung-up channels drop out once destroyed, as the core db rows do.
 */
final class ShowApi implements ApiCommand {
    private static final String[] CHANNEL_COLUMNS = {"uuid", "direction", "created", "created_epoch", "name", "state", "cid_name",
            "cid_num", "ip_addr", "dest", "application", "application_data", "dialplan", "context", "read_codec", "read_rate",
            "read_bit_rate", "write_codec", "write_rate", "write_bit_rate", "secure", "hostname", "presence_id", "presence_data",
            "accountcode", "callstate", "callee_name", "callee_num", "callee_direction", "call_uuid", "sent_callee_name",
            "sent_callee_num", "initial_cid_name", "initial_cid_num", "initial_ip_addr", "initial_dest", "initial_dialplan",
            "initial_context"};
    private static final String[] CALL_COLUMNS = {"uuid", "direction", "created", "created_epoch", "name", "state", "cid_name",
            "cid_num", "ip_addr", "dest", "presence_id", "presence_data", "accountcode", "callstate", "callee_name", "callee_num",
            "callee_direction", "call_uuid", "hostname", "sent_callee_name", "sent_callee_num", "b_uuid", "b_direction", "b_created",
            "b_created_epoch", "b_name", "b_state", "b_cid_name", "b_cid_num", "b_ip_addr", "b_dest", "b_presence_id",
            "b_presence_data", "b_accountcode", "b_callstate", "b_callee_name", "b_callee_num", "b_callee_direction",
            "b_sent_callee_name", "b_sent_callee_num", "call_created_epoch"};

    @Override
    public String name() {
        return "show";
    }

    @Override
    public CompletableFuture<String> execute(ApiRequest r) {
        return CompletableFuture.completedFuture(show(r));
    }

    private String show(ApiRequest r) {
        List<String> a = r.argv();
        if (a.isEmpty()) {
            return "-USAGE: codec|endpoint|application|api|dialplan|file|timer|calls [count]|channels [count|like <match string>]|calls|detailed_calls|bridged_calls|detailed_bridged_calls|aliases|complete|chat|management|modules|nat_map|say|interfaces|interface_types|tasks|limits|status\n";
        }
        String what = a.get(0).toLowerCase(java.util.Locale.ROOT);
        String format = "delim";
        String delim = ",";
        boolean count = a.size() > 1 && a.get(1).equalsIgnoreCase("count");
        for (int i = 1; i < a.size() - 1; i++) {
            if (a.get(i).equalsIgnoreCase("as")) {
                format = a.get(i + 1).toLowerCase(java.util.Locale.ROOT);
                if (format.equals("delim") && i + 2 < a.size()) {
                    delim = a.get(i + 2);
                }
            }
        }
        return switch (what) {
            case "channels" -> table(CHANNEL_COLUMNS, channelRows(r.core()), format, delim, count);
            case "calls" -> table(CALL_COLUMNS, callRows(r.core()), format, delim, count);
            case "application", "applications" -> SwitchCore.resource("show_application.txt");
            case "modules" -> SwitchCore.resource("show_modules.txt");
            default -> "-ERR Cannot find command " + what + "\n";
        };
    }

    private static List<Map<String, String>> channelRows(SwitchCore core) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Channel ch : core.channels().view()) {
            if (ch.running() == ChannelState.CS_NONE || ch.isDestroyed()) {
                continue;   // not in the channels table until its session thread runs
            }
            rows.add(row(core, ch, ""));
        }
        return rows;
    }

    private static Map<String, String> row(SwitchCore core, Channel ch, String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        var p = ch.profile();
        var run = ch.runner().current();
        m.put(prefix + "uuid", ch.uuid());
        m.put(prefix + "direction", ch.direction().wire());
        m.put(prefix + "created", core.events().localStamp(ch.createdMicros()));
        m.put(prefix + "created_epoch", Long.toString(ch.createdMicros() / 1_000_000));
        m.put(prefix + "name", ch.name());
        m.put(prefix + "state", ch.running().name());
        m.put(prefix + "cid_name", p == null ? "" : p.callerIdName);
        m.put(prefix + "cid_num", p == null ? "" : p.callerIdNumber);
        m.put(prefix + "ip_addr", p == null ? "" : p.networkAddr);
        m.put(prefix + "dest", p == null ? "" : p.destinationNumber);
        if (prefix.isEmpty()) {
            String app = ch.vars().get("current_application");
            m.put("application", run == null && app == null ? "" : (app == null ? "" : app));
            String data = ch.vars().get("current_application_data");
            m.put("application_data", data == null ? "" : data);
            m.put("dialplan", p == null ? "" : p.dialplan);
            m.put("context", p == null ? "" : p.context);
            m.put("read_codec", "L16");
            m.put("read_rate", "8000");
            m.put("read_bit_rate", "128000");
            m.put("write_codec", "L16");
            m.put("write_rate", "8000");
            m.put("write_bit_rate", "128000");
            m.put("secure", "");
            m.put("hostname", core.events().identity().hostname());
        }
        m.put(prefix + "presence_id", "");
        m.put(prefix + "presence_data", "");
        m.put(prefix + "accountcode", "");
        m.put(prefix + "callstate", ch.callState().name());
        m.put(prefix + "callee_name", p == null ? "" : p.calleeIdName);
        m.put(prefix + "callee_num", p == null ? "" : p.calleeIdNumber);
        m.put(prefix + "callee_direction", ch.cidFlipped() ? "RECV" : "");
        if (prefix.isEmpty()) {
            m.put("call_uuid", ch.cidFlipped() || ch.bridgedTo() != null ? ch.uuid() : "");
        }
        m.put(prefix + "sent_callee_name", "");
        m.put(prefix + "sent_callee_num", "");
        if (prefix.isEmpty()) {
            m.put("initial_cid_name", "");
            m.put("initial_cid_num", p == null ? "" : p.origCallerIdNumber);
            m.put("initial_ip_addr", "");
            m.put("initial_dest", ch.initialDest() == null ? "" : ch.initialDest());
            m.put("initial_dialplan", p == null ? "" : p.dialplan);
            m.put("initial_context", ch.initialContext() == null ? "" : ch.initialContext());
        }
        return m;
    }

    /** One row per channel that is not the far side of a bridge; bridged partners fill the b_ columns. */
    private static List<Map<String, String>> callRows(SwitchCore core) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Channel ch : core.channels().view()) {
            if (ch.running() == ChannelState.CS_NONE || ch.isDestroyed()) {
                continue;
            }
            Channel b = ch.bridgedTo();
            if (b != null && !core.bridges().isOriginator(ch)) {
                continue;   // the call's row is its originator's
            }
            Map<String, String> base = row(core, ch, "");
            Map<String, String> m = new LinkedHashMap<>();
            for (String col : CALL_COLUMNS) {
                m.put(col, base.getOrDefault(col, ""));
            }
            if (b != null) {
                Map<String, String> bb = row(core, b, "b_");
                for (String col : CALL_COLUMNS) {
                    if (col.startsWith("b_")) {
                        m.put(col, bb.getOrDefault(col, ""));
                    }
                }
                m.put("call_created_epoch", Long.toString(ch.bridgedMicros() / 1_000_000));
            }
            rows.add(m);
        }
        return rows;
    }

    private static String table(String[] cols, List<Map<String, String>> rows, String format, String delim, boolean count) {
        if (count) {
            return "\n" + rows.size() + " total.\n";
        }
        if (format.equals("json")) {
            if (rows.isEmpty()) {
                return "{\"row_count\": 0}\n";
            }
            StringBuilder sb = new StringBuilder("{\"row_count\":").append(rows.size()).append(",\"rows\":[");
            for (int i = 0; i < rows.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append('{');
                int j = 0;
                for (String col : cols) {
                    if (j++ > 0) {
                        sb.append(',');
                    }
                    sb.append('"').append(col).append("\":\"").append(json(rows.get(i).getOrDefault(col, ""))).append('"');
                }
                sb.append('}');
            }
            return sb.append("]}").toString();
        }
        if (format.equals("xml")) {
            StringBuilder sb = new StringBuilder("<result row_count=\"").append(rows.size()).append("\">\n");
            int n = 1;
            for (Map<String, String> row : rows) {
                sb.append("  <row row_id=\"").append(n++).append("\">\n");
                for (String col : cols) {
                    sb.append("    <").append(col).append('>').append(xml(row.getOrDefault(col, ""))).append("</").append(col).append(">\n");
                }
                sb.append("  </row>\n");
            }
            return sb.append("</result>\n").toString();
        }
        StringBuilder sb = new StringBuilder(String.join(delim, cols)).append('\n');
        for (Map<String, String> row : rows) {
            List<String> vals = new ArrayList<>();
            for (String col : cols) {
                vals.add(row.getOrDefault(col, ""));
            }
            sb.append(String.join(delim, vals)).append('\n');
        }
        return sb.append('\n').append(rows.size()).append(" total.\n").toString();
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

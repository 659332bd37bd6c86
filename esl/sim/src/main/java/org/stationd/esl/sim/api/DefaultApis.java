package org.stationd.esl.sim.api;

import java.util.UUID;
import org.stationd.esl.sim.SwitchCore;
import org.stationd.esl.sim.app.Message;
import org.stationd.esl.sim.app.TransferApp;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.channel.HangupCause;
import org.stationd.esl.sim.conference.ConferenceApi;

/** Registers the api commands the simulated switch answers, with FreeSWITCH's replies. */
public final class DefaultApis {
    private DefaultApis() {}

    /** The modules whose work the simulator does (mod_sofia: gateway dial strings); no mod_sms, like the bundled switch. */
    private static final java.util.Set<String> MODULES = java.util.Set.of("mod_event_socket", "mod_commands", "mod_dptools", "mod_dialplan_xml",
            "mod_loopback", "mod_sofia", "mod_conference", "mod_sndfile", "mod_native_file", "mod_tone_stream", "mod_say_en");

    /** {@code module_exists mod_x}: {@code true} or {@code false}, without a newline, as mod_commands answers; TTS engines per {@code speech_modules}. */
    static String moduleExists(ApiRequest r) {
        String name = r.arg(0) == null ? "" : r.arg(0).trim();
        boolean tts = name.startsWith("mod_") && !MODULES.contains(name) && java.util.Set.of("mod_flite", "mod_tts_commandline", "mod_unimrcp").contains(name)
                && r.core().dialplan().hasSpeechModule(name.substring(4));
        return MODULES.contains(name) || tts ? "true" : "false";
    }

    private static final String NO_SUCH_CHANNEL = "-ERR No such channel!\n";

    public static void register(ApiCommands apis) {
        apis.register(new StatusApi())
                .register(new ShowApi())
                .register(new ConferenceApi())
                .register(new UuidDtmfApi(true))
                .register(new UuidDtmfApi(false))
                .register(new UuidMediaBugApi(true))
                .register(new UuidMediaBugApi(false))
                .register(new FsctlApi())
                .register(new ApiCommand() {
                    @Override
                    public String name() {
                        return "originate";
                    }

                    @Override
                    public java.util.concurrent.CompletableFuture<String> execute(ApiRequest r) {
                        return r.core().originator().api(r.args());
                    }
                })
                .register(new SyncApi("version", r -> SwitchCore.VERSION_LINE + "\n"))
                .register(new SyncApi("hostname", r -> r.core().events().identity().hostname()))
                .register(new SyncApi("switchname", r -> r.core().events().identity().switchname()))
                .register(new SyncApi("create_uuid", r -> UUID.randomUUID().toString()))
                .register(new SyncApi("echo", ApiRequest::args))
                .register(new SyncApi("reloadxml", r -> "+OK [Success]\n"))
                .register(new SyncApi("module_exists", DefaultApis::moduleExists))
                .register(new SyncApi("uptime", DefaultApis::uptime))
                .register(new SyncApi("global_getvar", DefaultApis::globalGetvar))
                .register(new SyncApi("global_setvar", DefaultApis::globalSetvar))
                .register(new SyncApi("uuid_exists", r -> {
                    Channel ch = r.core().channels().get(r.arg(0));
                    return ch != null && !ch.isDestroyed() ? "true" : "false";
                }))
                .register(new SyncApi("uuid_answer", r -> withChannel(r, ch -> {
                    ch.answer();
                    return "+OK\n";
                })))
                .register(new SyncApi("uuid_pre_answer", r -> withChannel(r, ch -> {
                    ch.markPreAnswered();
                    return "+OK\n";
                })))
                .register(new SyncApi("uuid_kill", r -> withChannel(r, ch -> {
                    HangupCause c = HangupCause.parse(r.arg(1));
                    ch.hangup(c == null ? HangupCause.NORMAL_CLEARING : c);
                    return "+OK\n";
                })))
                .register(new SyncApi("uuid_park", r -> withChannel(r, ch -> {
                    ch.runner().transferTo(java.util.List.of(new org.stationd.esl.sim.app.AppCall("park", "")));
                    return "+OK\n";
                })))
                .register(new SyncApi("uuid_break", r -> withChannel(r, ch -> {
                    if ("all".equalsIgnoreCase(r.arg(1))) {
                        ch.runner().breakAllAbovePark();
                    } else {
                        ch.runner().breakCurrent();
                    }
                    return "+OK\n";
                })))
                .register(new SyncApi("uuid_setvar", DefaultApis::setvar))
                .register(new SyncApi("uuid_setvar_multi", DefaultApis::setvarMulti))
                .register(new SyncApi("uuid_getvar", r -> {
                    Channel ch = r.core().channels().get(r.arg(0));
                    if (ch == null || r.arg(1) == null) {
                        return ch == null ? "-ERR No such channel!\n" : "-USAGE: <uuid> <var>\n";
                    }
                    String v = ch.vars().get(r.arg(1));
                    return v == null ? "_undef_" : v;
                }))
                .register(new SyncApi("uuid_bridge", r -> {
                    Channel a = r.core().channels().get(r.arg(0));
                    Channel b = r.core().channels().get(r.arg(1));
                    if (r.arg(1) == null) {
                        return "-USAGE: <uuid> <other_uuid>\n";
                    }
                    if (a == null || b == null || !r.core().bridges().uuidBridge(a, b)) {
                        return "-ERR Invalid uuid\n";
                    }
                    return "+OK " + b.uuid() + "\n";
                }))
                .register(new SyncApi("uuid_transfer", DefaultApis::transfer))
                .register(new SyncApi("uuid_broadcast", DefaultApis::broadcast))
                .register(new SyncApi("hupall", DefaultApis::hupall));
    }

    private interface ChannelAction {
        String apply(Channel ch);
    }

    private static String withChannel(ApiRequest r, ChannelAction action) {
        Channel ch = r.core().channels().get(r.arg(0));
        if (ch == null || ch.isDown()) {
            return NO_SUCH_CHANNEL;
        }
        return action.apply(ch);
    }

    private static String uptime(ApiRequest r) {
        long us = r.core().uptimeMicros();
        String unit = r.arg(0) == null ? "s" : r.arg(0);
        return switch (unit) {
            case "us", "microseconds" -> Long.toString(us);
            case "ms", "milliseconds" -> Long.toString(us / 1000);
            case "m", "minutes" -> Long.toString(us / 60_000_000);
            case "h", "hours" -> Long.toString(us / 3_600_000_000L);
            case "d", "days" -> Long.toString(us / 86_400_000_000L);
            default -> Long.toString(us / 1_000_000);
        };
    }

    private static String globalGetvar(ApiRequest r) {
        String name = r.args().trim();
        if (name.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            r.core().globals().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
            return sb.toString();
        }
        String v = r.core().globals().get(name);
        return v == null ? "" : v;
    }

    private static String globalSetvar(ApiRequest r) {
        String a = r.args();
        int eq = a.indexOf('=');
        if (eq <= 0) {
            return "-USAGE: <var>=<value>\n";
        }
        r.core().globals().put(a.substring(0, eq).trim(), a.substring(eq + 1));
        return "+OK";
    }

    private static String setvar(ApiRequest r) {
        var a = r.argv();
        if (a.size() < 2) {
            return "-USAGE: <uuid> <var> [value]\n";
        }
        Channel ch = r.core().channels().get(a.get(0));
        if (ch == null) {
            return NO_SUCH_CHANNEL;
        }
        String rest = r.args().trim();
        rest = rest.substring(a.get(0).length()).trim();
        rest = rest.substring(a.get(1).length()).trim();
        ch.vars().set(a.get(1), rest.isEmpty() ? null : rest);
        return "+OK\n";
    }

    private static String setvarMulti(ApiRequest r) {
        var a = r.argv();
        if (a.size() < 2) {
            return "-USAGE: <uuid> <var>=<value>;<var>=<value>...\n";
        }
        Channel ch = r.core().channels().get(a.get(0));
        if (ch == null) {
            return NO_SUCH_CHANNEL;
        }
        String rest = r.args().trim().substring(a.get(0).length()).trim();
        for (String kv : rest.split(";")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                ch.vars().set(kv.substring(0, eq).trim(), kv.substring(eq + 1));
            }
        }
        return "+OK\n";
    }

    /** uuid_transfer <uuid> [-bleg|-both] <dest> [<dialplan>] [<context>]. */
    private static String transfer(ApiRequest r) {
        var a = new java.util.ArrayList<>(r.argv());
        if (a.size() < 2) {
            return "-USAGE: <uuid> [-bleg|-both] <dest-exten> [<dialplan>] [<context>]\n";
        }
        Channel ch = r.core().channels().get(a.get(0));
        if (ch == null || ch.isDown()) {
            return "-ERR No such channel!\n";
        }
        boolean both = false;
        boolean bleg = false;
        if (a.get(1).equalsIgnoreCase("-both")) {
            both = true;
            a.remove(1);
        } else if (a.get(1).equalsIgnoreCase("-bleg")) {
            bleg = true;
            a.remove(1);
        }
        if (a.size() < 2) {
            return "-USAGE: <uuid> [-bleg|-both] <dest-exten> [<dialplan>] [<context>]\n";
        }
        String dest = a.get(1);
        String ctx = a.size() > 3 ? a.get(3) : ch.profile() == null ? "default" : ch.profile().context;
        Channel other = ch.bridgedTo() != null ? ch.bridgedTo() : ch.partner();
        if (bleg && other != null) {
            TransferApp.transfer(other, dest, ctx);
        } else {
            TransferApp.transfer(ch, dest, ctx);
            if (both && other != null) {
                TransferApp.transfer(other, dest, ctx);
            }
        }
        return "+OK\n";
    }

    /** uuid_broadcast <uuid> <path> [aleg|bleg|both]: a playback queued on the channel (and/or its partner). */
    private static String broadcast(ApiRequest r) {
        var a = r.argv();
        if (a.size() < 2) {
            return "-USAGE: <uuid> <path> [aleg|bleg|holdb|both]\n";
        }
        Channel ch = r.core().channels().get(a.get(0));
        if (ch == null || ch.isDown()) {
            return "-ERR No such channel!\n";
        }
        String path = a.get(1);
        String app = "playback";
        String arg = path;
        int sep = path.indexOf("::");
        if (sep > 0) {
            app = path.substring(0, sep);
            arg = path.substring(sep + 2);
        }
        String legs = a.size() > 2 ? a.get(2).toLowerCase(java.util.Locale.ROOT) : "aleg";
        Channel other = ch.bridgedTo() != null ? ch.bridgedTo() : ch.partner();
        if (legs.contains("aleg") || legs.contains("both")) {
            ch.runner().queue(Message.execute(app, arg, true));
        }
        if ((legs.contains("bleg") || legs.contains("both")) && other != null) {
            other.runner().queue(Message.execute(app, arg, true));
        }
        return "+OK Message queued\n";
    }

    /** hupall [<cause>] [<var> <value>]. */
    private static String hupall(ApiRequest r) {
        var a = r.argv();
        HangupCause cause = a.isEmpty() ? HangupCause.MANAGER_REQUEST : HangupCause.parse(a.get(0));
        if (cause == null) {
            cause = HangupCause.MANAGER_REQUEST;
        }
        String var = a.size() > 2 ? a.get(1) : null;
        String val = a.size() > 2 ? a.get(2) : null;
        for (Channel ch : r.core().channels().all()) {
            if (var == null || val.equals(ch.vars().get(var))) {
                ch.hangup(cause);
            }
        }
        return "+OK hangup all channels with cause " + cause.name() + "\n";
    }
}

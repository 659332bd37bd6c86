package org.stationd.esl.sim.conference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.stationd.esl.sim.api.ApiCommand;
import org.stationd.esl.sim.api.ApiRequest;
import org.stationd.esl.sim.event.Sites;

/**
 * {@code conference list}, {@code conference <name> list|play|file_seek|stop|kick|hup|mute|unmute|deaf|undeaf|count}
 * with mod_conference's replies. Kick-member (and mute-member…) events fire while the command runs;
 * the members actually leave on the conference thread's next pass, after the API event.
 */
public final class ConferenceApi implements ApiCommand {

    @Override
    public String name() {
        return "conference";
    }

    @Override
    public CompletableFuture<String> execute(ApiRequest r) {
        return CompletableFuture.completedFuture(run(r));
    }

    private String run(ApiRequest r) {
        List<String> argv = r.argv();
        Conferences confs = r.core().conferences();
        if (argv.isEmpty()) {
            return "-ERR Invalid syntax\n";
        }
        if (argv.get(0).equalsIgnoreCase("list") && argv.size() == 1) {
            StringBuilder sb = new StringBuilder();
            for (Conference c : confs.all()) {
                sb.append("+OK Conference ").append(c.name()).append(" (").append(c.size()).append(" member").append(c.size() == 1 ? "" : "s")
                        .append(" rate: ").append(c.profile().rate()).append(" flags: running|answered|enforce_min|dynamic|exit_sound|enter_sound)\n");
                sb.append(list(c, ";"));
            }
            return sb.length() == 0 ? "+OK No active conferences.\n" : sb.toString();
        }
        String name = argv.get(0);
        Conference c = confs.get(name);
        if (c == null) {
            return "-ERR Conference " + name + " not found\n";
        }
        String sub = argv.size() > 1 ? argv.get(1).toLowerCase(java.util.Locale.ROOT) : "";
        String target = argv.size() > 2 ? argv.get(2) : null;
        return switch (sub) {
            case "list" -> list(c, argv.size() > 2 && argv.get(2).equals("delim") && argv.size() > 3 ? argv.get(3) : ";");
            case "count" -> c.size() + "\n";
            case "play" -> play(c, target);
            case "file_seek" -> c.files().seek(target);
            // FreeSWITCH's "conference <name> say <text>": the rest of the line is spoken by the TTS engine
            case "say" -> argv.size() < 3 ? "-ERR (say) Missing text\n"
                    : play(c, "say:" + String.join(" ", argv.subList(2, argv.size())));
            case "stop" -> stop(c, argv);
            case "kick" -> leaving(r, c, target, "kicked", "kick-member", Sites.CONF_KICK, true);
            case "hup" -> leaving(r, c, target, "hup", "hup-member", Sites.CONF_HUP, false);
            case "mute" -> each(c, target, "mute", m -> {
                m.speak = false;
                c.memberEvent(m, "mute-member", Sites.CONF_MUTE);
            });
            case "unmute" -> each(c, target, "unmute", m -> {
                m.speak = true;
                c.memberEvent(m, "unmute-member", Sites.CONF_UNMUTE);
            });
            case "deaf" -> each(c, target, "deaf", m -> {
                m.hear = false;
                c.memberEvent(m, "deaf-member", Sites.CONF_DEAF);
            });
            case "undeaf" -> each(c, target, "undeaf", m -> {
                m.hear = true;
                c.memberEvent(m, "undeaf-member", Sites.CONF_UNDEAF);
            });
            default -> "-ERR Unknown command '" + sub + "'\n";
        };
    }

    private static String list(Conference c, String d) {
        StringBuilder sb = new StringBuilder();
        for (Member m : c.members()) {
            var p = m.channel.profile();
            sb.append(m.id).append(d).append(m.channel.name()).append(d).append(m.channel.uuid()).append(d)
                    .append(p == null ? "" : p.callerIdName).append(d).append(p == null ? "" : p.callerIdNumber).append(d)
                    .append(c.flags(m)).append(d).append("0").append(d).append("0").append(d).append("100").append('\n');
        }
        return sb.toString();
    }

    private static String play(Conference c, String file) {
        if (file == null) {
            return "-ERR (play) Missing file\n";
        }
        if (!c.enqueue(file, true)) {
            return "-ERR (play) File: " + file + " not found.\n";
        }
        return "+OK (play) Playing file " + file + "\n";
    }

    /**
     * conference_api_sub_stop: no argument stops every file (the list and the hold music),
     * {@code current} the head of the list, {@code async} the hold music; anything else (its usage
     * names a {@code last} it does not have) gets the usage. Exactly one more argument names a
     * member, whose own files (none here) are stopped.
     */
    private static String stop(Conference c, List<String> argv) {
        ConferenceFiles.Stop what = ConferenceFiles.Stop.ALL;
        if (argv.size() > 2) {
            switch (argv.get(2).toLowerCase(java.util.Locale.ROOT)) {
                case "current" -> what = ConferenceFiles.Stop.CURRENT;
                case "all" -> what = ConferenceFiles.Stop.ALL;
                case "async" -> what = ConferenceFiles.Stop.ASYNC;
                default -> {
                    return "stop <[current|all|async|last]> [<member_id>]";
                }
            }
        }
        if (argv.size() == 4) {
            long id = atoi(argv.get(3));
            return c.member((int) id) == null ? "-ERR Member: " + id + " not found.\n" : "+OK Stopped 0 files.\n";
        }
        return "+OK Stopped " + c.files().stop(what) + " files.\n";
    }

    /** C's atoi as uint32_t: leading digits, 0 when there are none. */
    private static long atoi(String s) {
        int j = 0;
        while (j < s.length() && j < 9 && Character.isDigit(s.charAt(j))) {
            j++;
        }
        return j == 0 ? 0 : Long.parseLong(s.substring(0, j));
    }

    /**
     * kick/hup: the *-member events now; the members leave on the conference thread's next pass,
     * the first one in the list first, then the others from the oldest, 10 ms apart (capture 04's order).
     */
    private static String leaving(ApiRequest r, Conference c, String target, String verb, String action,
                                  org.stationd.esl.sim.event.CallSite site, boolean kickedSound) {
        List<Member> chosen = new ArrayList<>();
        String reply = each(c, target, verb, m -> {
            c.memberEvent(m, action, site);
            chosen.add(m);
        });
        List<Member> order = new ArrayList<>();
        if (!chosen.isEmpty()) {
            order.add(chosen.get(0));
            List<Member> rest = new ArrayList<>(chosen.subList(1, chosen.size()));
            java.util.Collections.reverse(rest);
            order.addAll(rest);
        }
        long at = 20;
        for (Member m : order) {
            r.core().clock().schedule(at, () -> ConferenceApplication.leave(m.run, kickedSound));
            at += 10;
        }
        return reply;
    }

    private interface MemberAction {
        void apply(Member m);
    }

    private static String each(Conference c, String target, String verb, MemberAction action) {
        if (target == null) {
            return "-ERR Invalid syntax\n";
        }
        List<Member> ms = new ArrayList<>();
        if (target.equalsIgnoreCase("all")) {
            ms.addAll(c.members());
        } else if (target.equalsIgnoreCase("last")) {
            if (!c.members().isEmpty()) {
                ms.add(c.members().get(0));
            }
        } else {
            try {
                Member m = c.member(Integer.parseInt(target));
                if (m == null) {
                    return "-ERR Non-Existant ID " + target + "\n";
                }
                ms.add(m);
            } catch (NumberFormatException e) {
                return "-ERR Invalid member id " + target + "\n";
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Member m : ms) {
            action.apply(m);
            sb.append("+OK ").append(verb).append(' ').append(m.id).append('\n');
        }
        return sb.toString();
    }
}

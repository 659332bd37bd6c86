package org.stationd.esl.sim.conference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.stationd.esl.sim.api.ApiCommand;
import org.stationd.esl.sim.api.ApiRequest;
import org.stationd.esl.sim.event.Sites;

/**
 * {@code conference list}, {@code conference <name> list|play|stop|kick|hup|mute|unmute|deaf|undeaf|count}
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
            case "stop" -> {
                int n = target == null || target.equals("current") ? c.stopCurrent() : c.stopAll();
                yield "+OK Stopped " + n + " files\n";
            }
            case "kick" -> each(c, target, "kicked", m -> {
                c.memberEvent(m, "kick-member", Sites.CONF_KICK);
                r.core().clock().schedule(20, () -> ConferenceApplication.leave(m.run, true));
            });
            case "hup" -> each(c, target, "hup", m -> {
                c.memberEvent(m, "hup-member", Sites.CONF_HUP);
                r.core().clock().schedule(20, () -> ConferenceApplication.leave(m.run, false));
            });
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

package org.stationd.verb;

import java.util.Map;
import org.stationd.call.CallLeg;
import org.stationd.esl.command.SendMsg;

/**
 * {@code call.collect(min:, max:, timeout:, terminator:, prompt:, invalid:, tries:, regex:)} with
 * FreeSWITCH's {@code play_and_get_digits}; {@code digits} follows with what was entered.
 */
final class Collect extends Verb {
    static final String SILENCE = "silence_stream://250";

    @Override public String name() { return "collect"; }

    @Override
    public void exec(CallLeg call, Map<String, Object> args, VerbContext ctx) {
        int min = (Integer) args.get("min");
        int max = (Integer) args.get("max");
        if (min > max) {
            throw new IllegalArgumentException("collect: min (" + min + ") is more than max (" + max + ")");
        }
        String var = "stationd_digits_" + ctx.newUuid();   // a whole uuid, so replays can pair it like any other
        long timeoutMs = Math.round(((Number) args.get("timeout")).doubleValue() * 1000);
        String terminator = (String) args.get("terminator");
        String prompt = args.get("prompt") == null ? SILENCE : ctx.media((String) args.get("prompt"));
        String invalid = args.get("invalid") == null ? SILENCE : ctx.media((String) args.get("invalid"));
        String regex = args.get("regex") == null ? "\\d+|[*#]" : (String) args.get("regex");
        long digitTimeout = args.get("digitTimeout") == null ? timeoutMs : Math.round(((Number) args.get("digitTimeout")).doubleValue() * 1000);
        String arg = String.join(" ", Integer.toString(min), Integer.toString(max), args.get("tries").toString(),
                Long.toString(timeoutMs), terminator.isEmpty() ? "none" : terminator, prompt, invalid, var, regex, Long.toString(digitTimeout));
        String app = ctx.newUuid();
        call.expect(app, new CallLeg.PendingOp("collect", null, var));
        ctx.link().sendmsg(call.getId(), SendMsg.execute("play_and_get_digits", arg).eventUuid(app).eventLock(true))
                .exceptionally(Answer.fail(ctx, "collect"));
    }
}

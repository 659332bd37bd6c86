package org.stationd.verb;

import java.util.Map;
import org.stationd.call.CallLeg;
import org.stationd.esl.command.SendMsg;

/** {@code call.answer()}: answers a ringing call. */
final class Answer extends Verb {
    @Override public String name() { return "answer"; }

    @Override
    public String precondition(CallLeg call) {
        if (call.isEnded()) return "the call has ended";
        return call.isAnswered() ? "it is already answered" : null;
    }

    @Override
    public void exec(CallLeg call, Map<String, Object> args, VerbContext ctx) {
        ctx.link().sendmsg(call.getId(), SendMsg.execute("answer")).exceptionally(fail(ctx, "answer"));
    }

    static <T> java.util.function.Function<Throwable, T> fail(VerbContext ctx, String what) {
        return e -> {
            ctx.failures(what).accept(e);
            return null;
        };
    }
}

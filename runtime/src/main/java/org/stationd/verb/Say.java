package org.stationd.verb;

import java.util.Map;
import org.stationd.call.CallLeg;
import org.stationd.esl.command.SendMsg;
import org.stationd.switchlink.SpeechEngines;

/**
 * {@code call.say(text)}: text-to-speech through the switch's {@code speak}; {@code playbackDone}
 * follows. Without its engine FreeSWITCH's speak ends as if it had spoken, so when the switch said
 * it has no such module the playback ends {@code failed}. The speak is still sent: it keeps its
 * place behind what is playing, and a replay sees the same commands.
 */
final class Say extends Verb {
    @Override public String name() { return "say"; }

    @Override
    public void exec(CallLeg call, Map<String, Object> args, VerbContext ctx) {
        String text = (String) args.get("text");   // one line, within the limit: specs.json's "speech"
        String app = ctx.newUuid();
        String engine = SpeechEngines.engineOf(ctx.ttsVoice());
        String failure = Boolean.FALSE.equals(ctx.link().hasSpeechEngine(engine)) ? SpeechEngines.missing(engine) : null;
        call.expect(app, new CallLeg.PendingOp("say", text, null, failure));
        ctx.link().sendmsg(call.getId(), SendMsg.execute("speak", ctx.ttsVoice() + "|" + text).eventUuid(app).eventLock(true))
                .exceptionally(Answer.fail(ctx, "say"));
    }
}

package org.stationd.esl.sim.socket;

import org.stationd.esl.codec.CommandFrame;
import org.stationd.esl.sim.wire.Frames;

/**
 * {@code api <command> [args]}: runs it and answers with an api/response. Until the answer is
 * written the connection takes no other command and holds its events back, as FreeSWITCH runs
 * the api in the listener thread.
 */
final class ApiSocketCommand {
    private ApiSocketCommand() {}

    static void run(EslConnection c, String text, CommandFrame f) {
        String cmd = text.strip();
        String args = null;
        if (!"true".equalsIgnoreCase(f.header("console_execute"))) {
            int sp = cmd.indexOf(' ');
            if (sp >= 0) {
                args = cmd.substring(sp + 1);
                cmd = cmd.substring(0, sp);
            }
        }
        c.beginBusy(true);
        c.core().api(cmd, args, false).whenComplete((body, error) -> {
            String reply = error != null ? "-ERR " + error.getMessage() + "\n" : body;
            if (reply == null || reply.isEmpty()) {
                reply = "-ERR no reply\n";
            }
            c.write(Frames.apiResponse(reply));
            c.endBusy();
        });
    }
}

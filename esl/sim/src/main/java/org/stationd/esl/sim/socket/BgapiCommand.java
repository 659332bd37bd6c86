package org.stationd.esl.sim.socket;

import java.util.UUID;
import org.stationd.esl.sim.event.Sites;
import org.stationd.esl.codec.CommandFrame;
import org.stationd.esl.sim.wire.Frames;

/**
 * {@code bgapi <command> [args]}: replies {@code +OK Job-UUID: <id>} at once (the client's own
 * Job-UUID header if it sent one), runs the command, and fires BACKGROUND_JOB with the result,
 * which reaches only connections subscribed to it.
 */
final class BgapiCommand {
    private BgapiCommand() {}

    static void run(EslConnection c, String text, CommandFrame f) {
        String cmd = text.strip();
        String args = null;
        int sp = cmd.indexOf(' ');
        if (sp >= 0) {
            args = cmd.substring(sp + 1);
            cmd = cmd.substring(0, sp);
        }
        String given = f.header("Job-UUID");
        String job = given != null && !given.isBlank() ? given.trim() : UUID.randomUUID().toString();
        c.write(Frames.commandReply("+OK Job-UUID: " + job, "Job-UUID", job));
        String command = cmd;
        String arguments = args;
        c.core().clock().execute(() -> c.core().api(command, arguments, true).whenComplete((body, error) -> {
            String reply = error != null ? "-ERR " + error.getMessage() + "\n" : body;
            if (reply == null) {
                reply = "Command returned no output!";
            }
            c.core().events().create("BACKGROUND_JOB", Sites.BACKGROUND_JOB)
                    .add("Job-UUID", job)
                    .add("Job-Command", command)
                    .add("Job-Command-Arg", arguments)
                    .body(reply)
                    .fire();
        }));
    }
}

package org.stationd.switchlink;

import java.util.concurrent.CompletableFuture;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.session.ApiResponse;

/**
 * What stations need from FreeSWITCH: commands. Events come the other way, through the router.
 * The real one is {@link EslSwitchLink}; tests may record instead.
 */
public interface SwitchLink {
    CompletableFuture<ApiResponse> api(String command);

    /** Runs a command in the background; the future completes with the BACKGROUND_JOB's body. */
    CompletableFuture<ApiResponse> bgapi(String command);

    CompletableFuture<Void> sendmsg(String uuid, SendMsg msg);

    /**
     * This link with its answers (replies, job results, failures) completing on {@code origin}, a
     * station's queue: the ESL link completes each there in the order it came off the socket, so
     * an answer takes its place among the station's events. A link whose answers come from no
     * socket (a test's, a strict replay's) is itself.
     */
    default SwitchLink answeringOn(java.util.concurrent.Executor origin) {
        return this;
    }

    /**
     * Whether the switch has the text-to-speech engine {@code engine} (its module {@code mod_<engine>}),
     * as it answered {@code module_exists} once per connection; null while not known (not answered
     * yet, a switch that cannot say, a replay). The switch's {@code speak} fails without a word on
     * the channel when the engine is missing, so this is how a station knows.
     */
    default Boolean hasSpeechEngine(String engine) {
        return null;
    }
}

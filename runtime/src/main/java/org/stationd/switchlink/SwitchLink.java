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
     * Whether the switch has the text-to-speech engine {@code engine} (its module {@code mod_<engine>}),
     * as it answered {@code module_exists} once per connection; null while not known (not answered
     * yet, a switch that cannot say, a replay). The switch's {@code speak} fails without a word on
     * the channel when the engine is missing, so this is how a station knows.
     */
    default Boolean hasSpeechEngine(String engine) {
        return null;
    }
}

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
}

package org.stationd.esl.sim.api;

import java.util.concurrent.CompletableFuture;

/**
 * One FreeSWITCH api command ({@code status}, {@code originate}, {@code uuid_kill}, …). It runs on
 * the switch thread and yields the api/response body (or BACKGROUND_JOB body), with FreeSWITCH's
 * wording and trailing newlines. Most finish at once; originate finishes when the call is answered.
 */
public interface ApiCommand {
    String name();

    CompletableFuture<String> execute(ApiRequest request);
}

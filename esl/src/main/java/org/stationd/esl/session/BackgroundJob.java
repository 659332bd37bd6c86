package org.stationd.esl.session;

import java.util.concurrent.CompletableFuture;

/**
 * A {@code bgapi} command: {@link #accepted()} completes with FreeSWITCH's reply, {@link #result()}
 * with the body of the BACKGROUND_JOB event carrying our {@code Job-UUID}.
 */
public record BackgroundJob(String jobUuid, CompletableFuture<CommandReply> accepted, CompletableFuture<ApiResponse> result) {}

package org.stationd.eventlog;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.stationd.esl.command.EslCommands;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.session.ApiResponse;
import org.stationd.switchlink.SwitchLink;

/** The switch during a strict replay: it records what the program sends and answers background jobs from the log. */
final class ReplayLink implements SwitchLink {
    record Sent(String text, String bgapiCommand, java.time.Instant at) {}

    private Sent[] sent = new Sent[64];   // appended only; a grown copy leaves the old array's prefix as it was
    private int count;
    private final Map<String, CompletableFuture<ApiResponse>> jobs = new java.util.LinkedHashMap<>();
    private final Map<String, java.util.ArrayDeque<CompletableFuture<ApiResponse>>> replies = new java.util.HashMap<>();
    private final Consumer<String> onSend;
    private final java.util.function.Supplier<java.time.Instant> clock;
    private final boolean recordedReplies;

    /**
     * @param recordedReplies whether the log has the switch's answers to api commands ({@code reply}
     *                        records): then each api command waits for its recorded answer; else (a
     *                        log from before they were recorded) every api command is answered +OK at once
     */
    ReplayLink(Consumer<String> onSend, java.util.function.Supplier<java.time.Instant> clock, boolean recordedReplies) {
        this.onSend = onSend;
        this.clock = clock;
        this.recordedReplies = recordedReplies;
    }

    static String text(String kind, Map<String, Object> fields) {
        return switch (kind) {
            case "sendmsg" -> "sendmsg " + fields.get("uuid") + " " + fields.get("headers");
            default -> kind + " " + fields.get("cmd");
        };
    }

    private synchronized void add(String text, String bg) {
        if (count == sent.length) {
            sent = Arrays.copyOf(sent, count * 2);
        }
        sent[count++] = new Sent(text, bg, clock.get());
        onSend.accept(text);
    }

    @Override
    public CompletableFuture<ApiResponse> api(String command) {
        if (!recordedReplies) {
            add(text("api", Map.of("cmd", command)), null);
            return CompletableFuture.completedFuture(new ApiResponse("+OK\n"));
        }
        CompletableFuture<ApiResponse> f = new CompletableFuture<>();
        synchronized (this) {
            replies.computeIfAbsent(command, k -> new java.util.ArrayDeque<>()).add(f);
            add(text("api", Map.of("cmd", command)), null);
        }
        return f;
    }

    @Override
    public synchronized CompletableFuture<ApiResponse> bgapi(String command) {
        CompletableFuture<ApiResponse> f = new CompletableFuture<>();
        jobs.put(command, f);
        add(text("bgapi", Map.of("cmd", command)), command);
        return f;
    }

    @Override
    public CompletableFuture<Void> sendmsg(String uuid, SendMsg msg) {
        add(text("sendmsg", Map.of("uuid", uuid, "headers", EslCommands.sendmsg(uuid, msg).headers())), null);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * What was sent so far, as an unmodifiable snapshot that costs no copy (the replay asks after
     * every record): the slots below {@code count} are never written again.
     */
    synchronized List<Sent> sent() {
        return Collections.unmodifiableList(Arrays.asList(sent).subList(0, count));
    }

    /** Answers the replayed program's oldest waiting api command that matches the recorded (translated) one. */
    boolean finishApi(String command, String body) {
        CompletableFuture<ApiResponse> f;
        synchronized (this) {
            java.util.ArrayDeque<CompletableFuture<ApiResponse>> q = replies.get(command);
            f = q == null ? null : q.pollFirst();
        }
        if (f == null) return false;
        f.complete(new ApiResponse(body));
        return true;
    }

    /** Completes the replayed program's own job whose command matches the recorded (translated) one. */
    synchronized boolean finishJob(String command, String body) {
        CompletableFuture<ApiResponse> f = jobs.remove(command);
        if (f == null) return false;
        f.complete(new ApiResponse(body));
        return true;
    }

    /** The live job's answer came later than the link waited: the replayed one times out the same way. */
    synchronized boolean lateJob(String command, String why) {
        CompletableFuture<ApiResponse> f = jobs.remove(command);
        if (f == null) return false;
        f.completeExceptionally(new org.stationd.esl.session.EslTimeoutException(why));
        return true;
    }
}

package org.stationd.esl.live;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.session.ApiResponse;

/**
 * One scenario on one switch, through the project's own {@link EslClient}: originates calls under
 * role names, runs api commands and sendmsg applications, and waits for events (never for time).
 * The api replies are kept, with uuids written as roles, to be compared like the events.
 */
final class ScenarioRun implements AutoCloseable {
    static final long WAIT_MS = 30_000;

    private final EslClient client;
    private final LegRecorder legs = new LegRecorder();
    private final Path media;
    private final List<String> replies = new ArrayList<>();

    ScenarioRun(EslClientOptions options, Path media) throws Exception {
        this.media = media;
        this.client = EslClient.connect(options.withDispatch(1, 100_000));
        client.addListener(legs);
        client.events(EventFormat.PLAIN, "ALL").get(10, TimeUnit.SECONDS);
    }

    /** A generated WAV (8 kHz mono 16-bit) of the test folder, by absolute path. */
    String media(String name) {
        return media.resolve(name).toString();
    }

    Path mediaDir() {
        return media;
    }

    /**
     * {@code bgapi originate} with a fresh {@code origination_uuid}; the A leg plays {@code call}.a,
     * its loopback partner {@code call}.b. Returns the job's result ({@code +OK <uuid>} or {@code -ERR …}).
     */
    String originate(String call, String dialAndApp) throws Exception {
        return originateLater(call, dialAndApp).get();
    }

    /** An originate whose result is awaited later (its A leg answers only once its B leg is answered). */
    Pending originateLater(String call, String dialAndApp) {
        String uuid = UUID.randomUUID().toString();
        legs.expectCall(call, uuid);
        String dial = dialAndApp.startsWith("{") ? "{origination_uuid=" + uuid + "," + dialAndApp.substring(1)
                : "{origination_uuid=" + uuid + "}" + dialAndApp;
        return new Pending(call, client.bgapi("originate " + dial).result());
    }

    final class Pending {
        private final String call;
        private final CompletableFuture<ApiResponse> result;

        private Pending(String call, CompletableFuture<ApiResponse> result) {
            this.call = call;
            this.result = result;
        }

        String get() throws Exception {
            String text = result.get(WAIT_MS, TimeUnit.MILLISECONDS).text();
            replies.add("originate " + call + " -> " + roles(text));
            return text;
        }
    }

    String uuid(String role) throws InterruptedException {
        return legs.awaitUuid(role, WAIT_MS);
    }

    /** An api command; {@code <role>} placeholders ({@code <tx.a>}) are replaced by the legs' uuids. */
    String api(String command) throws Exception {
        String cmd = command;
        for (var e : legs.roles().entrySet()) {
            cmd = cmd.replace("<" + e.getKey() + ">", e.getValue());
        }
        String body = client.api(cmd).get(WAIT_MS, TimeUnit.MILLISECONDS).body();
        replies.add(roles(command) + " -> " + roles(body.strip()));
        return body;
    }

    /** sendmsg execute on a leg; returns the Event-UUID its CHANNEL_EXECUTE/…_COMPLETE carry as Application-UUID. */
    String execute(String role, String app, String arg) throws Exception {
        String eventUuid = UUID.randomUUID().toString();
        client.sendmsg(uuid(role), SendMsg.execute(app, arg).eventUuid(eventUuid)).get(WAIT_MS, TimeUnit.MILLISECONDS);
        return eventUuid;
    }

    /** The first event named {@code name} on the leg {@code role}. */
    EslEvent await(String role, String name) throws InterruptedException {
        return await(role, name, 1);
    }

    EslEvent await(String role, String name, int n) throws InterruptedException {
        String uuid = uuid(role);
        return legs.await(e -> name.equals(e.name()) && uuid.equals(e.uniqueId()), n, WAIT_MS, n + ". " + name + " on " + role);
    }

    EslEvent await(Predicate<EslEvent> p, String what) throws InterruptedException {
        return legs.await(p, 1, WAIT_MS, what);
    }

    EslEvent await(Predicate<EslEvent> p, int n, String what) throws InterruptedException {
        return legs.await(p, n, WAIT_MS, what);
    }

    /** The CHANNEL_EXECUTE_COMPLETE of the application started with {@code eventUuid}. */
    EslEvent awaitComplete(String eventUuid) throws InterruptedException {
        return await(e -> e.is("CHANNEL_EXECUTE_COMPLETE") && eventUuid.equals(e.header("Application-UUID")),
                "CHANNEL_EXECUTE_COMPLETE of " + eventUuid);
    }

    /** A conference::maintenance event with this Action (the {@code n}th). */
    EslEvent awaitConference(String action, int n) throws InterruptedException {
        return legs.await(e -> "conference::maintenance".equals(e.subclass()) && action.equals(e.header("Action")), n, WAIT_MS,
                n + ". conference " + action);
    }

    /** Every leg seen so far has been destroyed: the scenario is over and no more events of it will come. */
    void awaitAllDestroyed() throws InterruptedException {
        legs.awaitAllDestroyed(WAIT_MS);
    }

    LegRecorder legs() {
        return legs;
    }

    List<String> replies() {
        return List.copyOf(replies);
    }

    /** Uuids in a reply written as the role they play. */
    private String roles(String text) {
        String t = text;
        for (var e : legs.roles().entrySet()) {
            t = t.replace(e.getValue(), "<" + e.getKey() + ">");
        }
        return SimulatorDifferences.normalize(t.replace(media.toString(), "<media>"));
    }

    @Override
    public void close() {
        client.close();
    }
}

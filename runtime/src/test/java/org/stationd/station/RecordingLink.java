package org.stationd.station;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stationd.esl.command.EslCommands;
import org.stationd.esl.command.SendMsg;
import org.stationd.esl.session.ApiResponse;
import org.stationd.switchlink.SwitchLink;

/** A switch edge that records commands (as their ESL wire text) and lets the test answer bgapi jobs. */
final class RecordingLink implements SwitchLink {
    final List<String> commands = new CopyOnWriteArrayList<>();
    final ConcurrentHashMap<String, CompletableFuture<ApiResponse>> originates = new ConcurrentHashMap<>();
    /** The switch's reply to an api command, where it is not a bare +OK. */
    final ConcurrentHashMap<String, String> replies = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<ApiResponse> api(String command) {
        commands.add("api " + command);
        return CompletableFuture.completedFuture(new ApiResponse(replies.getOrDefault(command, "+OK\n")));
    }

    @Override
    public CompletableFuture<ApiResponse> bgapi(String command) {
        commands.add("bgapi " + command);
        CompletableFuture<ApiResponse> f = new CompletableFuture<>();
        Matcher m = Pattern.compile("origination_uuid=([^,}]+)").matcher(command);
        if (m.find()) {
            originates.put(m.group(1), f);
        }
        return f;
    }

    /** Calls the switch has no session for any more, and the calls it refuses commands for otherwise: uuid → its -ERR. */
    final ConcurrentHashMap<String, String> refusing = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<Void> sendmsg(String uuid, SendMsg msg) {
        commands.add(new String(EslCommands.sendmsg(uuid, msg).toBytes()).strip().replace('\n', '|'));
        String refusal = refusing.get(uuid);
        if (refusal != null) {
            String why = "sendmsg to " + uuid + " refused: " + refusal;
            return CompletableFuture.failedFuture(refusal.startsWith("-ERR invalid session id")
                    ? new org.stationd.switchlink.CallGoneException(why) : new IllegalStateException(why));
        }
        return CompletableFuture.completedFuture(null);
    }

    /** The uuids of the originates sent so far, in order. */
    List<String> originated() {
        Pattern p = Pattern.compile("origination_uuid=([^,}]+)");
        return commands.stream().map(p::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
    }

    /** The Event-UUID of the last sendmsg that ran {@code app}. */
    String lastAppUuid(String app) {
        for (int i = commands.size() - 1; i >= 0; i--) {
            String c = commands.get(i);
            if (c.contains("execute-app-name: " + app)) {
                Matcher m = Pattern.compile("Event-UUID: ([^|]+)").matcher(c);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        throw new AssertionError("no " + app + " in " + commands);
    }
}

package org.stationd.silence;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.client.EslClientOptions;
import org.stationd.esl.command.EventFormat;

/** A caller dialling a number into the stations context over the Event Socket: how the parked leg ended. */
public final class WrongNumber {
    private WrongNumber() {}

    /** Dials {@code number} (a loopback call into the stations context) and returns the hang-up cause of the parked leg. */
    public static String dial(String host, int port, String password, String number) throws Exception {
        try (EslClient fs = EslClient.connect(EslClientOptions.of(host, port, password))) {
            CompletableFuture<String> cause = new CompletableFuture<>();
            fs.addListener(e -> {
                if ("CHANNEL_HANGUP_COMPLETE".equals(e.name()) && "inbound".equals(e.header("Call-Direction"))
                        && number.equals(e.header("Caller-Destination-Number"))) {
                    cause.complete(e.header("Hangup-Cause"));
                }
            });
            fs.events(EventFormat.PLAIN, "CHANNEL_HANGUP_COMPLETE").get(20, TimeUnit.SECONDS);
            String uuid = UUID.randomUUID().toString();
            fs.bgapi("originate {origination_uuid=" + uuid + ",origination_caller_id_number=256700000005}loopback/" + number + "/stations &park()");
            return cause.get(30, TimeUnit.SECONDS);   // never parked for ever: the test fails here if it were
        }
    }
}

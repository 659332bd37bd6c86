package org.stationd.bench.esl;

import java.util.List;
import java.util.Map;

/** The two Java ESL clients stationd is compared with, used as their READMEs show. */
final class PeerClients {
    private PeerClients() {}

    /** org.freeswitch.esl.client 0.9.2 (Netty 3): BACKGROUND_JOB goes to its own callback. */
    static long freeswitchEslClient(DecodeRun run, int port) throws Exception {
        var client = new org.freeswitch.esl.client.inbound.Client();
        client.addEventListener(new org.freeswitch.esl.client.IEslEventListener() {
            @Override
            public void eventReceived(org.freeswitch.esl.client.transport.event.EslEvent e) {
                check(run, e.getEventHeaders(), e.getEventBodyLines());
            }

            @Override
            public void backgroundJobResultReceived(org.freeswitch.esl.client.transport.event.EslEvent e) {
                check(run, e.getEventHeaders(), e.getEventBodyLines());
            }
        });
        client.connect("127.0.0.1", port, "ClueCon", 10);
        client.setEventSubscriptions("plain", "ALL");
        run.await();
        return 0;
    }

    /** link.thingscloud:freeswitch-esl 2.2.0 (Netty 4), default options. */
    static long thingscloud(DecodeRun run, int port) throws Exception {
        var option = new link.thingscloud.freeswitch.esl.inbound.option.InboundClientOption()
                .defaultPassword("ClueCon")
                .addServerOption(new link.thingscloud.freeswitch.esl.inbound.option.ServerOption("127.0.0.1", port))
                .addEvents("ALL")
                .addListener(new link.thingscloud.freeswitch.esl.IEslEventListener() {
                    @Override
                    public void eventReceived(String addr, link.thingscloud.freeswitch.esl.transport.event.EslEvent e) {
                        check(run, e.getEventHeaders(), e.getEventBodyLines());
                    }

                    @Override
                    public void backgroundJobResultReceived(String addr, link.thingscloud.freeswitch.esl.transport.event.EslEvent e) {
                        check(run, e.getEventHeaders(), e.getEventBodyLines());
                    }
                });
        link.thingscloud.freeswitch.esl.InboundClient.newInstance(option).start();
        run.await();
        return 0;
    }

    private static void check(DecodeRun run, Map<String, String> h, List<String> bodyLines) {
        String body = bodyLines == null || bodyLines.isEmpty() ? null : String.join("\n", bodyLines);
        run.event(h.get("Event-Name"), h.get("Event-Date-GMT"), body, h.get("Unique-ID"), h.get("Event-Sequence"));
    }
}

package org.stationd.station;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.stationd.api.SmsMessage;

/** Text messages kept in memory (replays and tests): sending goes out through the switch like the host's. */
public final class MemorySms implements SmsInbox {
    private final String station;
    private final String number;
    private final Supplier<Instant> clock;
    private final Consumer<String> switchApi;
    private final List<SmsMessage> inbox = new ArrayList<>();

    public MemorySms(String station, String number, Supplier<Instant> clock, Consumer<String> switchApi) {
        this.station = station;
        this.number = number;
        this.clock = clock;
        this.switchApi = switchApi;
    }

    @Override
    public void send(String to, String text) {
        switchApi.accept(SmsInbox.chatCommand(station, number, to, text));
    }

    @Override
    public synchronized void received(String from, String text) {
        inbox.add(new SmsMessage(from, number == null ? "" : number, text, clock.get().toEpochMilli()));
    }

    @Override
    public synchronized List<SmsMessage> recent(int count) {
        List<SmsMessage> newestFirst = new ArrayList<>(inbox).reversed();
        return List.copyOf(newestFirst.subList(0, Math.min(Math.max(1, Math.min(count, 500)), newestFirst.size())));
    }
}

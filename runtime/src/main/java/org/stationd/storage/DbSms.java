package org.stationd.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.stationd.api.SmsMessage;
import org.stationd.station.SmsInbox;

/**
 * A station's text messages: every one received or sent is stored; sending goes out through the
 * switch ({@code chat sms|from|to|text}, FreeSWITCH's mod_sms).
 */
public final class DbSms implements SmsInbox {
    private final Database db;
    private final String station;
    private final String number;
    private final Supplier<Instant> clock;
    private final Consumer<String> switchApi;

    public DbSms(Database db, String station, String number, Supplier<Instant> clock, Consumer<String> switchApi) {
        this.db = db;
        this.station = station;
        this.number = number;
        this.clock = clock;
        this.switchApi = switchApi;
    }

    @Override
    public void send(String to, String text) {
        String command = SmsInbox.chatCommand(station, number, to, text);
        store("out", number, to, text);
        switchApi.accept(command);
    }

    @Override
    public void received(String from, String text) {
        store("in", from, number, text);
    }

    private void store(String direction, String from, String to, String text) {
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("INSERT INTO sms_messages (station_id, direction, from_number, to_number, body, at) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, station);
            p.setString(2, direction);
            p.setString(3, from);
            p.setString(4, to == null ? "" : to);
            p.setString(5, text);
            p.setObject(6, OffsetDateTime.ofInstant(clock.get(), ZoneOffset.UTC));
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("storing an sms of station " + station, e);
        }
    }

    @Override
    public List<SmsMessage> recent(int count) {
        List<SmsMessage> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("SELECT from_number, to_number, body, at FROM sms_messages WHERE station_id = ? AND direction = 'in' ORDER BY at DESC, id DESC")) {
            p.setString(1, station);
            p.setMaxRows(Math.max(1, Math.min(count, 500)));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new SmsMessage(r.getString(1), r.getString(2), r.getString(3), r.getObject(4, OffsetDateTime.class).toInstant().toEpochMilli()));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("reading sms of station " + station, e);
        }
        return out;
    }
}

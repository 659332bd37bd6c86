package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.station.Router;
import org.stationd.station.StationContext;
import org.stationd.storage.Database;
import org.stationd.storage.postgres.LivePostgres;

/**
 * A host that lost a station writes none of its recordings or text rows: its program still runs
 * there for a moment (the host was cut off), a text reaches it from its switch and it answers and
 * saves a recording, but only the new owner's rows reach the shared database.
 */
class ClusterFencedRecordsTest {
    @RegisterExtension
    static final LivePostgres PG = new LivePostgres();

    @TempDir
    Path dir;

    static final String TEXTS = """
            program {
                apiVersion 1
                state('idle') {
                    on.sms { e ->
                        try {
                            station.sms.send(e.from, "got ${e.text}".toString())
                        } catch (RuntimeException refused) {
                            log.warn("send: ${refused.message}")
                        }
                        station.recordings.save("reply-to-${e.text}.wav".toString(), 'greeting', 7, e.from, 1.0)
                    }
                }
            }
            """;

    static final String STATION = "  - { id: t1, timezone: UTC, transmitter: [ { sip: user/3001 } ], program: texts.groovy, sms: \"7100\" }\n";

    HostHarness host(String id) throws Exception {
        HostHarness h = new HostHarness(dir.resolve(id));
        h.extraYaml = "database: { url: '" + PG.url() + "', user: " + PG.user() + " }\ncluster: { host_id: " + id + ", lease: 5s }\n";
        h.program("texts.groovy", TEXTS);
        h.start(STATION);
        return h;
    }

    static boolean runs(HostHarness h, String station) {
        return h.host.stations().stream().map(StationContext::id).anyMatch(station::equals);
    }

    static void text(HostHarness h, String body) {
        h.link.client().sendevent("MESSAGE", Router.textHeaders("256700000001", "7100"), body).join();
    }

    static List<String> rows(Database db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(sql); ResultSet r = p.executeQuery()) {
            while (r.next()) out.add(r.getString(1));
        }
        return out;
    }

    @Test
    void aHostThatLostAStationWritesNoneOfItsRecordingsOrTexts() throws Exception {
        try (Database db = Database.open(PG.url(), PG.user(), null); HostHarness a = host("a")) {
            assertTrue(runs(a, "t1"));
            a.awaitLine("t1 state idle");
            a.host.cluster().halt();   // a is cut off: it keeps running t1's program, but stops renewing
            try (HostHarness b = host("b")) {
                b.await("b takes t1 over", () -> runs(b, "t1") && b.host.cluster().mayAct("t1", b.host.cluster().epoch("t1")));
                b.awaitLine("t1 state idle");   // its program is listening
                assertTrue(runs(a, "t1") && !a.host.cluster().mayAct("t1", a.host.cluster().epoch("t1")), "a still runs t1, fenced");

                // the new owner hears a text and writes its rows
                text(b, "b1");
                b.await("b's rows", () -> count(db, "SELECT body FROM sms_messages WHERE station_id = 't1'") == 2
                        && count(db, "SELECT file FROM recordings WHERE station_id = 't1'") == 1);
                // the old owner's program hears one too: what it stores, saves and sends is refused
                text(a, "a1");
                a.await("a's program refused", () -> a.errors.stream().filter(e -> e.message().contains("no longer owned by host a")).count() >= 1);
                assertTrue(a.errors.get(0).message().contains("recordings.save('reply-to-a1.wav') not sent"), a.errors.toString());
                assertTrue(a.lines.stream().anyMatch(l -> l.startsWith("t1 log send: station t1 is no longer owned by host a") && l.contains("sms.send to 256700000001")),
                        String.join("\n", a.lines));
                text(b, "b2");   // b's rows, after a's attempts: the database has seen everything a would have written by now
                b.await("b's next rows", () -> count(db, "SELECT body FROM sms_messages WHERE station_id = 't1'") == 4);
                assertEquals(List.of("b1", "got b1", "b2", "got b2"), rows(db, "SELECT body FROM sms_messages WHERE station_id = 't1' ORDER BY id"));
                assertEquals(List.of("reply-to-b1.wav", "reply-to-b2.wav"), rows(db, "SELECT file FROM recordings WHERE station_id = 't1' ORDER BY id"));
            }
        }
    }

    static int count(Database db, String sql) {
        try {
            return rows(db, sql).size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The live config watcher outlives a hostile save (issue #17): the save is refused, and a later good one is applied. */
class ConfigWatcherTest {
    @TempDir
    Path dir;

    private void save(Path yaml, String text) throws Exception {
        Path tmp = dir.resolve(".stations.tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, yaml, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aDeeplyNestedSaveIsRefusedAndALaterGoodEditIsStillApplied() throws Exception {
        Logger hostLog = (Logger) LoggerFactory.getLogger(StationHost.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        hostLog.addAppender(logged);
        try (HostHarness h = new HostHarness(dir)) {
            h.program("show.groovy", HostEndToEndTest.groovyShow("v1"));
            h.start("""
                      - id: g
                        timezone: Africa/Kampala
                        transmitter: [ { sip: user/3001 } ]
                        program: show.groovy
                    """);
            h.awaitLine("g state live");
            Path yaml = dir.resolve("stations.yaml");
            String good = Files.readString(yaml);

            save(yaml, "stations: " + "[".repeat(20_000) + "\n");
            h.await("the nested save refused", () -> logged.list.stream().anyMatch(e ->
                    e.getFormattedMessage().contains("not applied") && e.getFormattedMessage().contains("nested deeper than 64 levels")));
            assertEquals("live", h.host.station("g").state());

            save(yaml, good + """
                      - id: n
                        timezone: Africa/Kampala
                        transmitter: [ { sip: user/3003 } ]
                        program: show.groovy
                    """);
            h.await("n on air after the good edit", () -> h.host.station("n") != null && "live".equals(h.host.station("n").state()));
            assertTrue(h.count("g loaded show.groovy") == 1, "g was not touched");
        } finally {
            hostLog.detachAppender(logged);
        }
    }
}

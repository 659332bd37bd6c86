package org.stationd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code group:} of a station: the stations whose programs share topics and leases (docs/programs.md). */
class StationGroupConfigTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return ConfigFiles.write(dir, yaml);
    }

    @Test
    void aStationNamesItsGroupOrHasNone() throws Exception {
        HostConfig c = ConfigLoader.load(write("""
                stations:
                  - id: mbarara
                    timezone: UTC
                    program: news-relay.js
                    group: east-news
                  - id: gulu
                    timezone: UTC
                    program: news-relay.js
                """));
        assertEquals("east-news", c.stations().get(0).group());
        assertNull(c.stations().get(1).group());
    }

    @Test
    void aBadGroupNameIsReportedWithLineColumnAndKey() throws Exception {
        Path f = write("""
                stations:
                  - id: mbarara
                    timezone: UTC
                    program: news-relay.js
                    group: East/News
                  - id: jinja
                    timezone: UTC
                    program: news-relay.js
                    group: [a, b]
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        List<String> errors = e.errors().stream().map(ConfigError::toString).toList();
        assertEquals(List.of(
                f + ":5:12: stations[0].group: 'East/News' must be lower-case letters, digits, '-' or '_', at most 64",
                f + ":9:12: stations[1].group: must be a text value, found a list"), errors);
    }
}

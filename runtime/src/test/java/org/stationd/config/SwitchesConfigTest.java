package org.stationd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stations.yaml's switches: a named list at the top, switch: NAME per station; one switch: alone as before. */
class SwitchesConfigTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return ConfigFiles.write(dir, yaml);
    }

    private List<String> errors(String yaml) throws Exception {
        Path f = write(yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        return e.errors().stream().map(ConfigError::toString).map(s -> s.substring(f.toString().length())).toList();
    }

    @Test
    void stationsNameTheirSwitch() throws Exception {
        HostConfig c = ConfigLoader.load(write("""
                password: shared
                originates_per_second: 7
                switches:
                  east: esl://10.0.0.5:8021
                  west: { url: esl://10.0.0.6:8022, password: secret, originates_per_second: 5 }
                  lab: sim
                switch: west
                stations:
                  - { id: a, switch: east, timezone: UTC, program: playlist.groovy }
                  - { id: b, timezone: UTC, program: playlist.groovy }
                """));
        Switches s = c.switches();
        assertEquals(List.of("east", "west", "lab"), List.copyOf(s.named().keySet()));
        assertEquals(new SwitchConfig(false, "10.0.0.5", 8021, "shared", 7), s.named().get("east"));
        assertEquals(new SwitchConfig(false, "10.0.0.6", 8022, "secret", 5), s.named().get("west"));
        assertTrue(s.named().get("lab").simulated());
        assertEquals("east", s.of(c.station("a")));
        assertEquals("west", s.of(c.station("b")), "a station that names none runs on the top-level switch:");
        assertEquals(List.of("east", "west"), List.copyOf(c.switchesInUse().keySet()), "lab: no station runs there, no connection");
        assertEquals(s.named().get("west"), c.switchConfig());
    }

    @Test
    void aTopLevelUrlBesideTheListIsTheDefaultSwitch() throws Exception {
        HostConfig c = ConfigLoader.load(write("""
                switch: esl://10.0.0.9:8021
                switches: { east: esl://10.0.0.5:8021 }
                stations:
                  - { id: a, switch: east, timezone: UTC, program: playlist.groovy }
                  - { id: b, timezone: UTC, program: playlist.groovy }
                """));
        assertEquals("10.0.0.9", c.switchConfig().host());
        assertEquals(List.of("east", Switches.DEFAULT), List.copyOf(c.switchesInUse().keySet()));
    }

    @Test
    void oneSwitchAloneWorksAsBefore() throws Exception {
        HostConfig c = ConfigLoader.load(write("switch: esl://10.0.0.5:8021\n" + ConfigFiles.STATION));
        assertEquals(List.of(Switches.DEFAULT), List.copyOf(c.switchesInUse().keySet()));
        assertNull(c.station("a").switchName());
        assertEquals("10.0.0.5", c.switchesInUse().get(Switches.DEFAULT).host());
        assertTrue(ConfigLoader.load(write(ConfigFiles.STATION)).switchConfig().simulated());
    }

    @Test
    void mistakesAreNamedWithTheirPlace() throws Exception {
        List<String> errors = errors("""
                switches:
                  east: esl://10.0.0.5:8021
                  West: sim
                  west: { url: ftp://x, pasword: y }
                  again: esl://10.0.0.5:8021
                stations:
                  - { id: a, switch: eats, timezone: UTC, program: playlist.groovy }
                  - { id: b, timezone: UTC, program: playlist.groovy }
                """);
        assertTrue(errors.contains(":3:9: switches.West: the name 'West' must be lower-case letters, digits, '-' or '_', at most 64"), errors.toString());
        assertTrue(errors.contains(":4:25: switches.west.pasword: unknown key; did you mean 'password'?"), errors.toString());
        assertTrue(errors.contains(":4:16: switches.west: must be 'sim' or 'esl://host:port', found 'ftp://x'"), errors.toString());
        assertTrue(errors.contains(":5:10: switches.again: is the same FreeSWITCH (10.0.0.5:8021) as 'east': name each switch once"
                + " and let its stations say switch: east"), errors.toString());
        assertTrue(errors.contains(":7:22: stations[0].switch: unknown switch 'eats'; did you mean 'east'? known: east, again"
                + " (name switches under switches: at the top)"), errors.toString());
        assertTrue(errors.contains(":8:5: stations[1].switch: missing: say which switch it runs on (east, again), or give the stations"
                + " that name none a default with top-level switch: NAME"), errors.toString());
        assertEquals(6, errors.size(), errors.toString());
    }

    @Test
    void aTopLevelSwitchThatIsNeitherANameNorAnAddress() throws Exception {
        List<String> errors = errors("""
                switches: { east: sim }
                switch: wets
                stations:
                  - { id: a, timezone: UTC, program: playlist.groovy }
                """);
        assertEquals(List.of(":2:9: switch: must name one of switches: (east), or be 'sim' or 'esl://host:port'; found 'wets'",
                ":4:5: stations[0].switch: missing: say which switch it runs on (east), or give the stations that name none a default"
                        + " with top-level switch: NAME"), errors);
    }

    @Test
    void aGroupOnTwoSwitchesIsWarnedAbout() throws Exception {
        HostConfig c = ConfigLoader.load(write("""
                switches: { east: sim, west: sim }
                switch: east
                stations:
                  - { id: a, group: news, timezone: UTC, program: playlist.groovy }
                  - { id: b, group: news, switch: west, timezone: UTC, program: playlist.groovy }
                  - { id: c, group: local, switch: west, timezone: UTC, program: playlist.groovy }
                """));
        List<String> warnings = c.switches().groupsSpanningSwitches(c.stations());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("group news has stations on switches east (a), west (b): a shared conference"), warnings.get(0));
        assertFalse(warnings.get(0).contains("local"));
    }
}

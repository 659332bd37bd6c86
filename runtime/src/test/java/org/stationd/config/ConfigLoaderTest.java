package org.stationd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return ConfigFiles.write(dir, yaml);
    }

    @Test
    void readsAValidFile() throws Exception {
        HostConfig c = ConfigLoader.load(write("""
                switch: esl://10.0.0.5:8022
                password: secret
                stations:
                  - id: kampala
                    name: Radio Kampala
                    timezone: Africa/Kampala
                    transmitter:
                      - sip: user/1001
                      - number: "0772000001"
                        gateway: mtn
                    lines:
                      call-in: ["+256414000001", "+256414000002"]
                      ivr: "+256414000009"
                    sms: "+256700200001"
                    gateways: { mtn: { dial: "sofia/gateway/mtn/", prefix: "+256" } }
                    program: playlist.groovy
                    settings: { series: stories, episodes: 12, loud: true }
                """));
        assertFalse(c.switchConfig().simulated());
        assertEquals("10.0.0.5", c.switchConfig().host());
        assertEquals(8022, c.switchConfig().port());
        assertEquals("secret", c.switchConfig().password());
        StationConfig s = c.station("kampala");
        assertEquals("Radio Kampala", s.name());
        assertEquals("Africa/Kampala", s.timezone().getId());
        assertEquals(List.of("user/1001", "sofia/gateway/mtn/+2560772000001"),
                s.transmitters().stream().map(t -> t.dialString(s.gateways())).toList());
        assertEquals("call-in", s.lineOf("+256414000002"));
        assertEquals("ivr", s.lineOf("+256414000009"));
        assertEquals(12L, s.settings().get("episodes"));
        assertEquals(true, s.settings().get("loud"));
    }

    @Test
    void defaultsToTheSimulatedSwitch() throws Exception {
        HostConfig c = ConfigLoader.load(write("""
                stations:
                  - id: a
                    timezone: UTC
                    program: playlist.groovy
                """));
        assertTrue(c.switchConfig().simulated());
        assertEquals(ControlConfig.DEFAULT, c.control());
    }

    @Test
    void reportsEveryErrorWithLineColumnAndKey() throws Exception {
        Path f = write("""
                swtich: sim
                stations:
                  - id: kampala
                    timezone: Africa/Kampla
                    program: missing.groovy
                    lines: { call-in: "+256414000001" }
                  - id: kampala
                    timezone: UTC
                    program: playlist.groovy
                    lines: { call-in: "+256414000001" }
                    transmitter:
                      - number: "0772"
                        gateway: airtel
                    sms: [1, 2]
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        List<String> errors = e.errors().stream().map(ConfigError::toString).toList();
        String file = f.toString();
        assertTrue(errors.contains(file + ":1:1: swtich: unknown key; did you mean 'switch'?"), errors.toString());
        assertTrue(errors.contains(file + ":4:15: stations[0].timezone: unknown timezone 'Africa/Kampla' (use a name like Africa/Kampala)"), errors.toString());
        assertTrue(errors.stream().anyMatch(s -> s.startsWith(file + ":5:14: stations[0].program: program file '") && s.endsWith("missing.groovy' does not exist")), errors.toString());
        assertTrue(errors.contains(file + ":7:9: stations[1].id: duplicate station id 'kampala' (also stations[0])"), errors.toString());
        assertTrue(errors.contains(file + ":10:23: stations[1].lines.call-in: number +256414000001 is already used by station kampala line call-in"), errors.toString());
        assertTrue(errors.contains(file + ":13:18: stations[1].transmitter[0].gateway: unknown gateway 'airtel'; define it under gateways:"), errors.toString());
        assertTrue(errors.contains(file + ":14:10: stations[1].sms: must be a text value, found a list"), errors.toString());
        assertEquals(7, errors.size(), errors.toString());
    }

    @Test
    void reportsYamlSyntaxErrorsWithPosition() throws Exception {
        Path f = write("stations:\n  - id: a\n   timezone: UTC\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        ConfigError err = e.errors().get(0);
        assertEquals(3, err.line());
        assertTrue(err.message().startsWith("not valid YAML"), err.message());
    }

    @Test
    void rejectsAnUnknownSwitchUrl() throws Exception {
        Path f = write("switch: freeswitch.local\nstations: []\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertEquals("switch", e.errors().get(0).key());
        assertEquals(1, e.errors().get(0).line());
        assertEquals(9, e.errors().get(0).column());
    }

    @Test
    void outboundIsRefusedWithWhereLinesComeFromInstead() throws Exception {
        Path f = write("switch: esl://127.0.0.1:8021\noutbound: { port: 8084 }\nstations: []\n");
        List<String> errors = assertThrows(ConfigException.class, () -> ConfigLoader.load(f)).errors().stream().map(ConfigError::toString).toList();
        assertEquals(List.of(f + ":2:11: outbound: outbound: is not supported; stations.yaml lines are parked by the dialplan, see docs/freeswitch.md"), errors);
    }

    @Test
    void aDatabaseUrlMayBeConfiguredWithThePasswordFromTheEnvironment() throws Exception {
        HostConfig none = ConfigLoader.load(write("stations: []\n"));
        assertEquals(null, none.database(), "the default is the H2 file in data/");

        HostConfig pg = ConfigLoader.load(write("database:\n  url: jdbc:postgresql://db.example.org/stationd\n  user: stationd\n  password: s3cret\nstations: []\n"));
        assertEquals(new DatabaseConfig("jdbc:postgresql://db.example.org/stationd", "stationd", "s3cret"), pg.database());
        assertFalse(pg.database().toString().contains("s3cret"), "the password stays out of logs");

        Path bad = write("database:\n  url: postgres://db/stationd\n  password_env: STATIOND_TEST_UNSET_VARIABLE\nstations: []\n");
        List<String> errors = assertThrows(ConfigException.class, () -> ConfigLoader.load(bad)).errors().stream().map(ConfigError::toString).toList();
        assertTrue(errors.contains(bad + ":2:8: database.url: must be a JDBC URL such as 'jdbc:postgresql://host/stationd', found 'postgres://db/stationd'"), errors.toString());
        assertTrue(errors.contains(bad + ":3:17: database.password_env: the environment variable STATIOND_TEST_UNSET_VARIABLE is not set"), errors.toString());
    }

    @Test
    void originatesPerSecondDefaultsBelowTheSwitchLimitAndIsChecked() throws Exception {
        String station = """
                stations:
                  - id: kampala
                    timezone: Africa/Kampala
                    program: playlist.groovy
                """;
        assertEquals(SwitchConfig.DEFAULT_ORIGINATES_PER_SECOND, ConfigLoader.load(write("switch: esl://10.0.0.5:8021\n" + station)).switchConfig().originatesPerSecond());
        assertEquals(5, ConfigLoader.load(write("switch: esl://10.0.0.5:8021\noriginates_per_second: 5\n" + station)).switchConfig().originatesPerSecond());
        Path f = write("switch: esl://10.0.0.5:8021\noriginates_per_second: 0\n" + station);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(e.errors().get(0).toString().contains("originates_per_second"), e.errors().toString());
    }

    @Test
    void aControlEndpointReachableFromTheNetworkNeedsKeys() throws Exception {
        Path open = write("""
                control:
                  control: tcp://0.0.0.0:5570
                stations:
                  - id: a
                    timezone: UTC
                    program: playlist.groovy
                """);
        List<String> errors = assertThrows(ConfigException.class, () -> ConfigLoader.load(open)).errors().stream().map(ConfigError::toString).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(open + ":2:12: control.control: 'tcp://0.0.0.0:5570' is reachable from the network, so operators must be authenticated: run ./stationd keys"),
                errors.toString());

        Path openPublish = write("""
                control:
                  publish: tcp://0.0.0.0:5571
                stations:
                  - id: a
                    timezone: UTC
                    program: playlist.groovy
                """);
        errors = assertThrows(ConfigException.class, () -> ConfigLoader.load(openPublish)).errors().stream().map(ConfigError::toString).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(openPublish + ":2:12: control.publish: 'tcp://0.0.0.0:5571' is reachable from the network, so only operators"),
                errors.toString());

        Path missing = write("""
                control: { control: "tcp://*:5570", keys: nokeys }
                stations:
                  - id: a
                    timezone: UTC
                    program: playlist.groovy
                """);
        errors = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing)).errors().stream().map(ConfigError::toString).toList();
        assertEquals(List.of(missing + ":1:43: control.keys: no host.cert_secret in " + dir.resolve("nokeys") + "; make keys with ./stationd keys"), errors);

        org.stationd.control.ControlKeys.create(dir.resolve("keys"), "operator", false);
        HostConfig c = ConfigLoader.load(write("""
                control: { control: "tcp://*:5570", keys: keys }
                stations:
                  - id: a
                    timezone: UTC
                    program: playlist.groovy
                """));
        assertEquals(dir.resolve("keys"), c.control().keys());
        assertEquals("tcp://*:5570", c.control().control());
    }

    @Test
    void retentionInDaysOrForeverWithDefaultsAndErrorsWithLineColumnAndKey() throws Exception {
        assertEquals(RetentionConfig.DEFAULT, ConfigLoader.load(write("""
                stations:
                  - id: a
                    timezone: UTC
                    program: playlist.groovy
                """)).retention());
        HostConfig c = ConfigLoader.load(write("""
                retention:
                  eventlog: 14d
                  texts: forever
                  recordings: 2
                stations:
                  - id: a
                    timezone: UTC
                    program: playlist.groovy
                """));
        assertEquals(new RetentionConfig(java.time.Duration.ofDays(14), java.time.Duration.ofDays(365), null, java.time.Duration.ofDays(2)), c.retention());
        Path bad = write("""
                retention:
                  calls: a year
                  recordings: 0d
                  sms: 3d
                stations:
                  - id: a
                    timezone: UTC
                    program: playlist.groovy
                """);
        List<String> errors = assertThrows(ConfigException.class, () -> ConfigLoader.load(bad)).errors().stream().map(ConfigError::toString).toList();
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(bad + ":4:3: retention.sms: unknown key"), errors.toString());
        assertEquals(List.of(
                bad + ":2:10: retention.calls: must be a number of days of at least 1, like 30d, or 'forever'; found 'a year'",
                bad + ":3:15: retention.recordings: must be a number of days of at least 1, like 30d, or 'forever'; found '0d'"), errors.subList(1, 3));
    }

    @Test
    void aClusterNamesItsHostAndLeaseAndNeedsASharedDatabase() throws Exception {
        String db = "database: { url: jdbc:postgresql://db.example.org/stationd }\n";
        assertEquals(null, ConfigLoader.load(write(ConfigFiles.STATION)).cluster(), "off by default: this host runs every station");
        HostConfig c = ConfigLoader.load(write(db + "cluster:\n  host_id: studio-a\n  lease: 20s\n" + ConfigFiles.STATION));
        assertEquals(new ClusterConfig("studio-a", java.time.Duration.ofSeconds(20)), c.cluster());
        HostConfig d = ConfigLoader.load(write(db + "cluster: {}\n" + ConfigFiles.STATION));
        assertEquals(ClusterConfig.DEFAULT_LEASE, d.cluster().lease());
        assertEquals(org.stationd.cluster.HostIds.thisMachine(), d.cluster().hostId());

        Path bad = write("cluster:\n  host_id: studio a\n  lease: 2h\n  zone: x\n" + ConfigFiles.STATION);
        List<String> errors = assertThrows(ConfigException.class, () -> ConfigLoader.load(bad)).errors().stream().map(ConfigError::toString).toList();
        assertEquals(4, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(bad + ":4:3: cluster.zone: unknown key"), errors.toString());
        assertTrue(errors.contains(bad + ":2:12: cluster.host_id: must be 1 to 100 letters, digits, '.', '_' or '-', found 'studio a'"), errors.toString());
        assertTrue(errors.contains(bad + ":3:10: cluster.lease: must be between 1s and 10m, found '2h'"), errors.toString());
        assertTrue(errors.contains(bad + ":2:3: cluster: the hosts of a cluster share one database: add database: { url: jdbc:postgresql://… }"), errors.toString());
    }
}

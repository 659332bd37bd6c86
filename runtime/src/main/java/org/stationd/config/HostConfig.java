package org.stationd.config;

import java.nio.file.Path;
import java.util.List;

/** Everything stations.yaml says: the switch, where programs, media and data live, the control sockets, the stations; {@code database} is null for the H2 file in the data folder; {@code retention} how long stored things are kept. */
public record HostConfig(
        Path file,
        SwitchConfig switchConfig,
        Path programsDir,
        Path mediaDir,
        Path dataDir,
        ControlConfig control,
        List<StationConfig> stations,
        Path simDialplan,
        DatabaseConfig database,
        RetentionConfig retention) {

    public StationConfig station(String id) {
        return stations.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }
}

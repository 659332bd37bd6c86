-- stationd schema, version 2: hosts sharing one station list (cluster: in stations.yaml).
-- Times are the database's clock, so the hosts' own clocks never decide who owns a station.
CREATE TABLE cluster_hosts (
    host_id     VARCHAR(100) PRIMARY KEY,
    instance    VARCHAR(40)  NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    renewed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- instance: one run of a host (a host restarted under the same id does not inherit the leases of its
-- previous run; they lapse and are claimed again).
-- One row per station ever owned: owner is null once released; epoch grows with each new owner
-- (a host that lost the station and comes back holds an older epoch and is fenced off).
CREATE TABLE station_leases (
    station_id  VARCHAR(64)  PRIMARY KEY,
    owner       VARCHAR(100),
    instance    VARCHAR(40),
    epoch       BIGINT       NOT NULL,
    acquired_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX station_leases_owner ON station_leases (owner);

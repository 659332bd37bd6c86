-- stationd schema, version 3: where each host of a cluster publishes its station messages (its ZeroMQ PUB
-- endpoint); every host subscribes to the others' (docs/cluster.md).
ALTER TABLE cluster_hosts ADD COLUMN publish_endpoint VARCHAR(255);

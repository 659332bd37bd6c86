package org.stationd.config;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

/** A schedule entry as written under a station's {@code schedule:} in stations.yaml. */
public record ConfiguredShow(String program, LocalDateTime start, Duration duration, String rrule,
                             Set<LocalDateTime> except, int priority, Map<String, Object> settings) {}

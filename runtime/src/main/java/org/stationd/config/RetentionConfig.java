package org.stationd.config;

import java.time.Duration;

/**
 * How long the host keeps what it stores ({@code retention:} in stations.yaml); null keeps for
 * ever. Event-log files, call records and texts go once older than their period; a voice-board
 * recording goes (row and audio file) once it has been expired for {@code recordings}.
 */
public record RetentionConfig(Duration eventLogs, Duration calls, Duration texts, Duration recordings) {
    /** Event logs 30 days (enough to replay last month's shows), call records a year, texts 90 days, recordings 7 days after they expire. */
    public static final RetentionConfig DEFAULT = new RetentionConfig(Duration.ofDays(30), Duration.ofDays(365), Duration.ofDays(90), Duration.ofDays(7));
}

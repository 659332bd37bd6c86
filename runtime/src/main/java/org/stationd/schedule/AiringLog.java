package org.stationd.schedule;

import java.time.Instant;

/** Where the scheduler records airings (the database's airings table in the host). */
public interface AiringLog {
    long begin(String station, Long entryId, String program, String version, Instant plannedStart, Instant plannedEnd,
               Instant actualStart, String status, String reason);

    void end(long id, Instant actualEnd, String status, String reason);

    boolean exists(String station, Long entryId, Instant plannedStart);
}

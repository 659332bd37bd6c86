package org.stationd.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.stationd.eventlog.CaptureImport;
import org.stationd.eventlog.EventLogException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./stationd eventlog …}: tools for event logs (docs/eventlog.md). */
@Command(name = "eventlog", description = "Event log tools.", subcommands = {EventLogCli.Import.class}, mixinStandardHelpOptions = true)
final class EventLogCli implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import a raw ESL capture (JSON lines {\"t\",\"dir\",\"raw\"}, as in shared/esl-captures) as one station's event log.",
                    "Call events become 'in esl' records, BACKGROUND_JOBs 'in job', api/bgapi/sendmsg 'out' records; auth, replies,",
                    "api responses, switch events (HEARTBEAT, API, ...) and other commands are skipped and counted.",
                    "Exit code 0 when written, 1 when the capture is malformed (file and line are printed), 2 for a usage error."})
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "CAPTURE", description = "the capture (.jsonl)")
        Path capture;

        @Option(names = "--station", required = true, paramLabel = "ID", description = "the station id the records get")
        String station;

        @Option(names = "--out", paramLabel = "FILE", description = "the event log to write (.jsonl, or .jsonl.gz; default: <capture name>.<station>.jsonl here)")
        Path out;

        @Option(names = "--start", paramLabel = "ISO", description = "the instant the capture's t=0 stands for, e.g. 2026-11-22T08:00:00Z "
                + "(default: the switch's clock, from the first event's Event-Date-Timestamp; without one, the capture ends at its last-modified time)")
        String start;

        @Option(names = "--station-id", paramLabel = "VALUE", description = "keep only the calls whose station_id channel variable is VALUE, "
                + "and the commands about them (default: every call in the capture)")
        String stationId;

        @Option(names = "--force", description = "replace FILE if it exists")
        boolean force;

        @Override
        public Integer call() {
            Instant at;
            try {
                at = start == null ? null : Instant.parse(start);
            } catch (DateTimeParseException e) {
                System.err.println("stationd: --start is not an ISO-8601 instant (e.g. 2026-11-22T08:00:00Z): " + start);
                return 2;
            }
            if (!Files.isRegularFile(capture)) {
                System.err.println("stationd: no capture at " + capture);
                return 2;
            }
            Path file = out != null ? out : Path.of(stem(capture) + "." + station + ".jsonl");
            CaptureImport.Result result;
            try {
                result = CaptureImport.read(capture, new CaptureImport.Options(station, at, stationId));
                CaptureImport.write(result.records(), file, force);
            } catch (EventLogException e) {
                System.err.println("stationd: " + e.getMessage());
                return 1;
            } catch (IllegalArgumentException e) {
                System.err.println("stationd: " + e.getMessage());
                return 2;
            } catch (FileAlreadyExistsException e) {
                System.err.println("stationd: " + file + " exists; choose another --out or add --force");
                return 2;
            } catch (IOException e) {
                System.err.println("stationd: " + e.getMessage());
                return 2;
            }
            System.out.println("wrote " + file + ": station " + station + ", " + result.summary());
            return 0;
        }

        private static String stem(Path capture) {
            String name = capture.getFileName().toString();
            return name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        }
    }
}

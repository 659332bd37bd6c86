package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved programs are reported once, with what was saved: an atomic save at once, a file written in place once it is quiet. */
class ProgramWatcherTest {
    @TempDir
    Path dir;

    private static void await(List<?> seen, int n) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (seen.size() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }

    @Test
    void anAtomicSaveIsReportedWhileAnotherFileIsStillBeingWritten() throws Exception {
        Files.writeString(dir.resolve("show.groovy"), "old");
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        try (ProgramWatcher w = new ProgramWatcher(dir, p -> seen.add(p.getFileName() + "=" + read(p)))) {
            // an editor that keeps writing another program in place: the folder is never quiet for the settle period
            Thread busy = Thread.ofPlatform().start(() -> {
                int i = 0;
                while (writing.get()) {
                    try {
                        Files.writeString(dir.resolve("draft.groovy"), "draft " + i++);
                        Thread.sleep(ProgramWatcher.SETTLE_MILLIS / 5);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            Thread.sleep(ProgramWatcher.SETTLE_MILLIS / 2);
            Path aside = dir.resolve(".show.groovy.tmp");
            Files.writeString(aside, "new version");
            Files.move(aside, dir.resolve("show.groovy"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            long end = System.nanoTime() + 60_000_000_000L;
            while (seen.stream().noneMatch(s -> s.startsWith("show.groovy")) && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            List<String> shows = seen.stream().filter(s -> s.startsWith("show.groovy")).toList();
            writing.set(false);
            busy.join();
            assertEquals(List.of("show.groovy=new version"), shows, seen.toString());
        }
    }

    @Test
    void aProgramRewrittenInPlaceIsReportedOnceWhenQuiet() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Path f = dir.resolve("show.groovy");
        Files.writeString(f, "the running version");
        try (ProgramWatcher w = new ProgramWatcher(dir, p -> seen.add(p.getFileName() + "=" + read(p)))) {
            Files.writeString(f, "");   // an editor that truncates and writes in steps
            Files.writeString(f, "part one", java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(f, ", part two", java.nio.file.StandardOpenOption.APPEND);
            await(seen, 1);
            Thread.sleep(ProgramWatcher.SETTLE_MILLIS * 4);   // nothing more comes
            assertEquals(List.of("show.groovy=part one, part two"), seen);
            assertTrue(ProgramWatcher.isProgram(Path.of("a.js")));
        }
    }

    /** A one-character fix saved atomically twice in one tick of the file system's clock: both versions are reported. */
    @Test
    void twoSavesOfTheSameLengthAtTheSameModificationTimeAreBothReported() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Path f = dir.resolve("show.groovy");
        Files.writeString(f, "volume 1");
        java.nio.file.attribute.FileTime tick = Files.getLastModifiedTime(f);
        try (ProgramWatcher w = new ProgramWatcher(dir, p -> seen.add(p.getFileName() + "=" + read(p)))) {
            for (String version : List.of("volume 2", "volume 3")) {
                int reports = seen.size() + 1;   // counted before the save: its report may come before the next line runs
                Path aside = dir.resolve(".show.groovy.tmp");
                Files.writeString(aside, version);
                Files.setLastModifiedTime(aside, tick);   // a coarse clock: the same time as the version before
                Files.move(aside, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                await(seen, reports);
            }
            assertEquals(List.of("show.groovy=volume 2", "show.groovy=volume 3"), seen);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(gone)";
        }
    }
}

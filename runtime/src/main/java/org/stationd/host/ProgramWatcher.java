package org.stationd.host;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the programs folder and reports each saved (or deleted) program once. A file that
 * appears whole (an editor's atomic save: written aside, then renamed over the program) is reported
 * at once; a file written in place (several writes) is settled for a short quiet period first.
 */
final class ProgramWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProgramWatcher.class);
    static final long SETTLE_MILLIS = 150;

    private final WatchService watch;
    private final Path dir;
    private final Consumer<Path> changed;
    private final Thread thread;
    private final Set<Path> dirty = ConcurrentHashMap.newKeySet();

    ProgramWatcher(Path dir, Consumer<Path> changed) throws IOException {
        this.dir = dir;
        this.changed = changed;
        this.watch = FileSystems.getDefault().newWatchService();
        dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = Thread.ofPlatform().name("program-watcher").daemon(true).start(this::loop);
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = dirty.isEmpty() ? watch.take() : watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
                if (key == null) {
                    for (Path p : Set.copyOf(dirty)) {
                        dirty.remove(p);
                        report(p);
                    }
                    continue;
                }
                java.util.Map<Path, Boolean> renamed = new java.util.LinkedHashMap<>();   // path → appeared whole, nothing else
                for (WatchEvent<?> ev : key.pollEvents()) {
                    if (ev.context() instanceof Path name && isProgram(name)) {
                        boolean whole = ev.kind() == StandardWatchEventKinds.ENTRY_CREATE && !dirty.contains(dir.resolve(name));
                        renamed.merge(dir.resolve(name), whole, (a, b) -> false);
                    }
                }
                key.reset();
                for (var e : renamed.entrySet()) {
                    if (e.getValue() && appearedWhole(e.getKey())) {
                        report(e.getKey());
                    } else {
                        dirty.add(e.getKey());
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    /** What each file held when last reported: a settled file already reported whole is not reported again. */
    private final java.util.Map<Path, List<Long>> reported = new ConcurrentHashMap<>();

    private void report(Path p) {
        List<Long> stamp = stamp(p);
        if (stamp != null && stamp.equals(reported.get(p))) {
            return;   // reported at once when it appeared, and unchanged since
        }
        if (stamp == null) reported.remove(p);
        else reported.put(p, stamp);
        try {
            changed.accept(p);
        } catch (RuntimeException e) {
            log.error("reloading {} failed", p, e);
        }
    }

    /**
     * A created file with text in it: a rename's (a file created to be written holds nothing yet
     * when its creation is seen, and if it does its later writes are settled as usual).
     */
    private static boolean appearedWhole(Path p) {
        try {
            return java.nio.file.Files.size(p) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** What the file holds (its length and a checksum): two saves of the same length within one tick of the file system's clock still differ. */
    private static List<Long> stamp(Path p) {
        try {
            byte[] text = java.nio.file.Files.readAllBytes(p);
            java.util.zip.CRC32 sum = new java.util.zip.CRC32();
            sum.update(text);
            return List.of((long) text.length, sum.getValue());
        } catch (IOException e) {
            return null;
        }
    }

    static boolean isProgram(Path name) {
        String n = name.getFileName().toString();
        return (n.endsWith(".groovy") || n.endsWith(".js")) && !n.startsWith(".");
    }

    @Override
    public void close() throws IOException {
        watch.close();
        thread.interrupt();
    }
}

package org.stationd.host;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the programs folder and reports each saved (or deleted) program once (editors write a file in
 * several steps, so changes are settled for a short quiet period first).
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
                        try {
                            changed.accept(p);
                        } catch (RuntimeException e) {
                            log.error("reloading {} failed", p, e);
                        }
                    }
                    continue;
                }
                for (WatchEvent<?> ev : key.pollEvents()) {
                    if (ev.context() instanceof Path name && isProgram(name)) {
                        dirty.add(dir.resolve(name));
                    }
                }
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
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

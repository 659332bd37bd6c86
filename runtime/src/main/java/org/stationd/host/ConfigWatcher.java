package org.stationd.host;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports stations.yaml once it has been saved and stayed quiet for a moment (editors write in steps). */
final class ConfigWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    private final WatchService watch;
    private final Thread thread;

    ConfigWatcher(Path file, Consumer<Path> changed) throws IOException {
        Path abs = file.toAbsolutePath();
        this.watch = FileSystems.getDefault().newWatchService();
        abs.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        this.thread = Thread.ofPlatform().name("config-watcher").daemon(true).start(() -> {
            boolean dirty = false;
            try {
                while (true) {
                    WatchKey key = dirty ? watch.poll(ProgramWatcher.SETTLE_MILLIS, TimeUnit.MILLISECONDS) : watch.take();
                    if (key == null) {
                        dirty = false;
                        try {
                            changed.accept(abs);
                        } catch (RuntimeException | StackOverflowError e) {
                            // a fault in reading one save must not end the watching: later saves still need applying
                            log.error("applying {} failed: {}", abs, e.toString());
                        }
                        continue;
                    }
                    for (WatchEvent<?> ev : key.pollEvents()) {
                        if (ev.context() instanceof Path name && name.getFileName().equals(abs.getFileName())) {
                            dirty = true;
                        }
                    }
                    key.reset();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // closing
            }
        });
    }

    @Override
    public void close() throws IOException {
        watch.close();
        thread.interrupt();
    }
}

package org.stationd.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.api.ProgramError;
import org.stationd.station.MessageBus;
import org.stationd.station.ProgramFactory;
import org.stationd.station.StationContext;
import org.stationd.station.StationListener;
import org.stationd.storage.Database;
import org.stationd.storage.ProgramVersions;

/**
 * The program versions in use on this host, by file: compiled when first asked for and again when
 * the watcher (or an operator's swap or reload) says the file changed, with the last compile error
 * of each file that does not compile. A saved file is swapped in on the stations running it.
 */
final class HostPrograms {
    private static final Logger log = LoggerFactory.getLogger(HostPrograms.class);
    /** A handler running this long when a new version is saved is stopped at once, not at its own limit. */
    static final Duration RUNAWAY_BEFORE_RELOAD = Duration.ofSeconds(1);

    private final ProgramLoader loader;
    private final Database db;
    private final MessageBus bus;
    private final StationListener listener;
    private final Supplier<Collection<StationContext>> stations;
    private final Map<Path, ProgramFactory> programs = new ConcurrentHashMap<>();
    private final Map<Path, String> compileErrors = new ConcurrentHashMap<>();

    HostPrograms(ProgramLoader loader, Database db, MessageBus bus, StationListener listener, Supplier<Collection<StationContext>> stations) {
        this.loader = loader;
        this.db = db;
        this.bus = bus;
        this.listener = listener;
        this.stations = stations;
    }

    /**
     * The version of a program file in use here: compiled when first asked for and again when the
     * watcher (or an operator's swap or reload) says the file changed, so a show that starts while
     * an editor is half-way through a save still gets the last good version. The loader keeps
     * checked versions by content hash, so asking again for unchanged text compiles nothing.
     * Null and a reported error if it does not compile.
     */
    ProgramFactory program(Path file) {
        Path key = file.toAbsolutePath().normalize();
        ProgramFactory cached = programs.get(key);
        if (cached != null) {
            return cached;
        }
        try {
            ProgramFactory f = loader.load(key);
            programs.put(key, f);
            compileErrors.remove(key);
            try {
                // the text the version was built from: the file may have changed again since it was read
                new ProgramVersions(db).deployed(f.name(), f.version(), f.text() != null ? f.text() : Files.readString(key));
            } catch (IOException | RuntimeException e) {
                log.warn("could not record version {} of {}: {}", f.version(), f.name(), e.getMessage());
            }
            return f;
        } catch (Exception e) {
            compileErrors.put(key, e.getMessage());
            log.error("{}", e.getMessage());
            bus.publish("host/compile-error", Map.of("file", key.toString(), "error", String.valueOf(e.getMessage())));
            return null;
        }
    }

    /** Forgets the version in use of {@code file}: the next {@link #program} compiles it again. */
    void forget(Path file) {
        programs.remove(file.toAbsolutePath().normalize());
    }

    /** The last compile error of {@code file} (as the path it was compiled under), or null. */
    String compileError(Path file) {
        return compileErrors.get(file);
    }

    /** For {@code status}: file name → its compile error. */
    Map<String, String> compileErrorsByName() {
        return Map.copyOf(compileErrors.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().getFileName().toString(), Map.Entry::getValue)));
    }

    /**
     * A saved (or deleted) program: compile it off the station threads; swap it in where it runs,
     * or keep the old one on a compile error. The loader forgets the file's older versions once the
     * new one compiles, all of them when the file is gone, and none on a compile error (the running
     * version stays on air, so undoing the edit needs no new check).
     */
    void changed(Path file) {
        Path key = file.toAbsolutePath().normalize();
        String fileName = key.getFileName().toString();
        programs.remove(key);
        ProgramFactory f = program(key);
        if (f != null) {
            loader.invalidate(fileName, f);
        } else if (!Files.exists(key)) {
            loader.invalidate(fileName, null);
        }
        for (StationContext s : stations.get()) {
            if (!fileName.equals(s.programName())) {
                continue;   // program factories are named by file: only stations running this file reload
            }
            if (f == null) {
                listener.programError(s.id(), s.programName(), new ProgramError(s.state(), "reload",
                        "kept the running version: " + compileErrors.get(key), null));
                continue;
            }
            // a handler still running after a second is what the fix is for (it keeps its data, so a quick one finishes)
            s.stopRunningHandler("a new version of " + fileName + " was saved", RUNAWAY_BEFORE_RELOAD);
            s.submit(() -> s.reload(f));
        }
    }
}

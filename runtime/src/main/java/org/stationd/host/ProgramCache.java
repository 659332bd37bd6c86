package org.stationd.host;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.stationd.script.ProgramCompileException;
import org.stationd.script.ProgramSource;
import org.stationd.station.ProgramFactory;

/**
 * Checked program versions, keyed by file name and the SHA-256 of the text. Reading a program
 * file is cheap, checking it (compile and run its top level) is not: an unchanged file read again,
 * an edit undone, or the same text under another folder is checked once. An edit misses by itself
 * (its text has a new hash); {@link #invalidate} drops a file's versions explicitly when the file
 * changed or is gone. Versions that do not compile are not kept: they are checked again each time.
 */
final class ProgramCache {
    /** A host runs a handful of programs with a few recent versions each. */
    static final int DEFAULT_SIZE = 64;

    private record Key(String fileName, String hash) {}

    /** Checks a version and builds its factory; runs once per version while it stays cached. */
    @FunctionalInterface
    interface Compile {
        ProgramFactory compile() throws ProgramCompileException;
    }

    private final Cache<Key, ProgramFactory> cache;

    ProgramCache(int maximumSize) {
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /** The cached factory of this version, or what {@code compile} makes of it (kept only if it compiled). */
    ProgramFactory get(ProgramSource source, Compile compile) throws ProgramCompileException {
        try {
            return cache.get(new Key(source.fileName(), source.hash()), k -> {
                try {
                    return compile.compile();
                } catch (ProgramCompileException e) {
                    throw new NotCompiled(e);
                }
            });
        } catch (NotCompiled e) {
            throw e.error;
        }
    }

    /** Drops every cached version of {@code fileName} except {@code keep} (null: all of them). */
    void invalidate(String fileName, ProgramFactory keep) {
        cache.asMap().entrySet().removeIf(e -> e.getKey().fileName().equals(fileName) && e.getValue() != keep);
    }

    /** How many versions are cached (after pending evictions). */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Carries a compile error out of Caffeine's mapping function (which takes no checked exceptions). */
    private static final class NotCompiled extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ProgramCompileException error;

        NotCompiled(ProgramCompileException error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }
}

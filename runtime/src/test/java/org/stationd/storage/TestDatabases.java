package org.stationd.storage;

import java.nio.file.Path;
import org.stationd.storage.postgres.LivePostgres;

/**
 * The databases the storage tests run on, by name (for {@code @ValueSource}): {@code h2} the
 * host's default H2 file, {@code h2-pg} H2 in PostgreSQL mode, {@code postgresql} the real server
 * of a {@link LivePostgres} (the current test's own database: opening it twice reopens the same).
 */
public final class TestDatabases {
    private TestDatabases() {}

    public static Database open(String kind, Path dir, LivePostgres pg) throws Exception {
        return switch (kind) {
            case "h2" -> Database.openH2(dir);
            case "h2-pg" -> Database.open("jdbc:h2:file:" + dir.resolve("pg") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
            case "postgresql" -> Database.open(pg.url(), pg.user(), "");
            default -> throw new IllegalArgumentException("no test database " + kind);
        };
    }
}

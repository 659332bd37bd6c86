package org.stationd.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The host's database: H2 in {@code ./data} by default (file mode), or any JDBC URL (PostgreSQL
 * to share one database between hosts). Migrations run on open.
 *
 * <p>Storage calls run on the stations' threads, which the handler watchdog interrupts. An
 * embedded H2 database therefore reads and writes its file through H2's {@code async:} file
 * system: the I/O runs on another thread and an interrupt never reaches a file channel (on a
 * plain one, Java closes the file and H2 the database, for every station). A database closed
 * anyway (SHUTDOWN, a disk error) is opened again by the next call: its dead connections leave
 * the pool and a new one reopens the file.
 */
public final class Database implements AutoCloseable {
    /** H2's "database is closed" errors (DATABASE_IS_CLOSED, DATABASE_CALLED_AT_SHUTDOWN): every pooled connection is dead. */
    private static final Set<Integer> H2_CLOSED = Set.of(90098, 90121);
    /** An embedded H2 URL (a file path, with or without {@code file:}), not a server's or an in-memory one. */
    private static final Pattern H2_FILE = Pattern.compile("jdbc:h2:(file:)?(?=[/~.\\\\]|[A-Za-z]:)");

    private final HikariDataSource pool;
    private final String url;
    private final boolean embeddedH2;

    private Database(String url, String user, String password) {
        this.url = url;
        this.embeddedH2 = url.startsWith("jdbc:h2:async:");
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(8);
        cfg.setPoolName("stationd-db");
        cfg.setAutoCommit(true);
        cfg.setMetricsTrackerFactory(org.stationd.metrics.HostMetrics.database());
        cfg.setExceptionOverride(new SQLExceptionOverride() {
            @java.lang.Override   // (Override alone is SQLExceptionOverride's enum in here)
            public Override adjudicate(SQLException e) {
                if (!H2_CLOSED.contains(e.getErrorCode())) return Override.CONTINUE_EVICT;
                evictAll();
                return Override.MUST_EVICT;
            }
        });
        this.pool = new HikariDataSource(cfg);
    }

    /**
     * The URL H2 is opened with: an embedded file database goes through the {@code async:} file
     * system (same file, same format), so an interrupted station thread cannot close it.
     */
    static String interruptSafe(String url) {
        return H2_FILE.matcher(url).lookingAt() ? H2_FILE.matcher(url).replaceFirst("jdbc:h2:async:") : url;
    }

    /** Opens (and migrates) a database at a JDBC URL. */
    public static Database open(String url, String user, String password) throws SQLException {
        Database db = new Database(interruptSafe(url), user, password);
        try {
            Migrations.apply(db.pool);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** The default: an H2 file {@code stationd.mv.db} under the data folder. Commits are durable before they return. */
    public static Database openH2(Path dataDir) throws SQLException {
        // WRITE_DELAY=0: a commit is on disk before it returns, so it survives kill -9
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("stationd") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        return open(url, "sa", "");
    }

    public DataSource dataSource() {
        return pool;
    }

    /** A pooled connection; an embedded database that was closed under it is opened again first. */
    public Connection connection() throws SQLException {
        for (int attempt = 1; ; attempt++) {
            Connection c = pool.getConnection();
            // in-process, so cheap: a closed H2 session says so without a round trip
            if (!embeddedH2 || attempt == 3 || c.isValid(1)) {
                return c;
            }
            pool.evictConnection(c);
            evictAll();
        }
    }

    /** Every pooled connection goes (those in use when they are given back): the next one opens the database again. */
    private void evictAll() {
        HikariDataSource p = pool;
        if (p != null && p.getHikariPoolMXBean() != null) {
            p.getHikariPoolMXBean().softEvictConnections();
        }
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        pool.close();
    }
}

package org.stationd.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The host's database: H2 in {@code ./data} by default (file mode), or any JDBC URL (PostgreSQL
 * to share one database between hosts). Migrations run on open.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final String url;

    private Database(String url, String user, String password) {
        this.url = url;
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(8);
        cfg.setPoolName("stationd-db");
        cfg.setAutoCommit(true);
        this.pool = new HikariDataSource(cfg);
    }

    /** Opens (and migrates) a database at a JDBC URL. */
    public static Database open(String url, String user, String password) throws SQLException {
        Database db = new Database(url, user, password);
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

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        pool.close();
    }
}

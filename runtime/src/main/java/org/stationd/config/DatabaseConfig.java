package org.stationd.config;

/**
 * Where the host keeps its state, from stations.yaml's {@code database:}; absent, it is an H2 file
 * in the data folder. A JDBC URL lets hosts share one PostgreSQL database:
 * <pre>
 * database:
 *   url: jdbc:postgresql://db.example.org/stationd
 *   user: stationd
 *   password_env: STATIOND_DB_PASSWORD     # read from the environment, not written in the file
 * </pre>
 */
public record DatabaseConfig(String url, String user, String password) {
    @Override
    public String toString() {
        return "DatabaseConfig[" + url + ", user " + user + "]";   // never the password
    }
}

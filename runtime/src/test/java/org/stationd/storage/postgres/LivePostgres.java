package org.stationd.storage.postgres;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5: one real PostgreSQL server for the whole test JVM (started by the first class that
 * registers this, stopped when the run ends), and a fresh empty database for each test that asks.
 *
 * <pre>{@code
 * @RegisterExtension static final LivePostgres PG = new LivePostgres();
 * ... Database.open(PG.url(), PG.user(), "") ...
 * }</pre>
 */
public final class LivePostgres implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LivePostgres.class);

    private RealPostgres server;
    private String test = "test";
    private String url;

    @Override
    public void beforeAll(ExtensionContext context) {
        // in the root store: one server for every class, closed (AutoCloseable) after the last
        server = context.getRoot().getStore(NS).getOrComputeIfAbsent(RealPostgres.class, k -> RealPostgres.start(), RealPostgres.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        test = context.getRequiredTestClass().getSimpleName() + "_" + context.getRequiredTestMethod().getName();
        url = null;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        url = null;
    }

    /** The current test's own database (created on first use; the same URL for the rest of the test). */
    public String url() {
        if (url == null) {
            url = server().createDatabase(test);
        }
        return url;
    }

    /** Another new empty database. */
    public String newDatabase() {
        return server().createDatabase(test);
    }

    public String user() {
        return RealPostgres.USER;
    }

    public RealPostgres server() {
        if (server == null) {
            throw new IllegalStateException("the real PostgreSQL is started by @RegisterExtension (static field) before the tests");
        }
        return server;
    }
}

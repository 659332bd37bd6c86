package org.stationd.esl.live;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5: one real FreeSWITCH for a test class, in its own folder under {@code target/freeswitch/},
 * stopped after the class (also when a test failed).
 *
 * <pre>{@code
 * @RegisterExtension static final LiveSwitch FS = new LiveSwitch();
 * ... FS.get().url() ...
 * }</pre>
 */
public final class LiveSwitch implements BeforeAllCallback, AfterAllCallback {
    private RealFreeSwitch fs;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path base = Path.of("target", "freeswitch");
        Files.createDirectories(base);
        fs = RealFreeSwitch.start(Files.createTempDirectory(base.toAbsolutePath(), context.getRequiredTestClass().getSimpleName() + "-"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (fs != null) {
            fs.close();
        }
    }

    public RealFreeSwitch get() {
        if (fs == null) {
            throw new IllegalStateException("the real FreeSWITCH is started by @RegisterExtension (static field) before the tests");
        }
        return fs;
    }
}

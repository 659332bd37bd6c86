package org.stationd.cli;

import java.util.List;

/** The launcher's JVM flags, for tests in other packages that start a stationd process. */
public final class JvmStartupWarningsTestAccess {
    private JvmStartupWarningsTestAccess() {}

    public static List<String> flags() throws java.io.IOException {
        return JvmStartupWarningsTest.launcherFlags(Runtime.version().feature());
    }
}

package org.stationd.bench.suite;

import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run was on: cores, JDK, and the load averages (1, 5, 15 min) at the start. */
public record Machine(int cores, String jdk, String loadAverage) {

    public static Machine now() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                Runtime.version() + " (" + System.getProperty("java.vendor") + ")", currentLoadAverage());
    }

    /** The three load averages from /proc/loadavg, or the 1-minute one where there is no /proc. */
    public static String currentLoadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    public String summary() {
        return cores + " cores, JDK " + Runtime.version().feature() + ", load " + loadAverage.split(" ")[0];
    }
}

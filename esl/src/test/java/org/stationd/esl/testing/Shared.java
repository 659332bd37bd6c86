package org.stationd.esl.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@code ../shared} folder beside the checkout (captures, the bundled FreeSWITCH), found only
 * from an explicit property or the checkout itself — never by walking up from wherever a test
 * happens to run, so a test cannot pass on a folder that a clean checkout would not have.
 */
public final class Shared {
    private Shared() {}

    /**
     * {@code configured} (a property's value) if it names a usable folder, else
     * {@code <checkout>/../shared/<relative>} where the checkout is {@code stationd.home} (the
     * launcher and the poms set it) or the Maven root.
     *
     * @throws IllegalStateException naming the property and every place tried
     */
    public static Path find(String property, String configured, String relative, Predicate<Path> usable) {
        return find(property, configured, List.of(nonNull(System.getProperty("stationd.home")),
                nonNull(System.getProperty("maven.multiModuleProjectDirectory"))), relative, usable);
    }

    /** The same, with the checkouts given (tests). */
    public static Path find(String property, String configured, List<String> checkouts, String relative, Predicate<Path> usable) {
        List<Path> tried = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            tried.add(Path.of(configured).toAbsolutePath().normalize());
        }
        for (String checkout : checkouts) {
            if (!checkout.isBlank()) {
                tried.add(Path.of(checkout).toAbsolutePath().resolve("../shared").resolve(relative).normalize());
            }
        }
        for (Path p : tried) {
            if (usable.test(p)) {
                return p;
            }
        }
        throw new IllegalStateException("shared/" + relative + " not found beside the checkout: set -D" + property + "=DIR; looked in " + tried);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}

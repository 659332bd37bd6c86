package org.stationd.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stationd.api.ProgramError;

/**
 * The hostile programs the soak swaps in, in Groovy and JavaScript. Each starts a one-second timer
 * and attacks from its handler, so the attack repeats for as long as the program stays on.
 */
final class Hostile {
    static final String PREFIX = "hostile-";
    /** What a soak swaps in unless told otherwise: every attack. */
    static final List<String> DEFAULT_KINDS = List.of("loop", "sleep", "alloc", "stubborn", "escape", "hoard");

    private Hostile() {
    }

    /** File name → attack, the body of the timer handler. */
    private static final Map<String, String> GROOVY = new LinkedHashMap<>();
    private static final Map<String, String> JS = new LinkedHashMap<>();

    static {
        GROOVY.put("loop", "while (true) { }");
        GROOVY.put("sleep", "this.\"${'sle' + 'ep'}\"(600000)");
        GROOVY.put("alloc", "def hog = []; while (true) { hog << ('x' * 1000000) + hog.size() }");
        GROOVY.put("hoard", "data.hoard = data.hoard ?: []; while (true) { data.hoard << ('x' * 1000000) + data.hoard.size() }");
        GROOVY.put("stubborn", "while (true) { try { while (true) { } } catch (Throwable t) { } }");
        GROOVY.put("escape", "this.invokeMethod('eval' + 'uate', 'System.exit(1)'); 'id'.\"${'exe' + 'cute'}\"()");
        JS.put("loop", "for (;;) { }");
        JS.put("sleep", "globalThis['Ja' + 'va'].type('java.lang.' + 'Thread').sleep(600000);");
        JS.put("alloc", "const hog = []; for (;;) { hog.push('x'.repeat(1000000) + hog.length); }");
        JS.put("hoard", "data.hoard = data.hoard || []; for (;;) { data.hoard.push('x'.repeat(1000000) + data.hoard.length); }");
        JS.put("stubborn", "for (;;) { try { for (;;) { } } catch (x) { } }");
        JS.put("escape", "Java.type('java.lang.System').exit(1);");
    }

    /** Writes every hostile program into the programs folder; returns their file names. */
    static List<String> writeAll(Path programs) throws IOException {
        List<String> files = new java.util.ArrayList<>();
        for (String kind : GROOVY.keySet()) {
            String file = PREFIX + kind + ".groovy";
            Files.writeString(programs.resolve(file), "program {\n    state('attacking') {\n        enter { station.every(1, 'attack') }\n"
                    + "        on.timer { e -> " + GROOVY.get(kind) + " }\n    }\n}\n");
            files.add(file);
            String js = PREFIX + kind + ".js";
            Files.writeString(programs.resolve(js), "program({\n  states: {\n    attacking: {\n      enter() { station.every(1, 'attack'); },\n"
                    + "      timer(e) { " + JS.get(kind) + " }\n    }\n  }\n});\n");
            files.add(js);
        }
        return files;
    }

    static boolean isHostile(String program) {
        return program != null && program.startsWith(PREFIX);
    }

    /** How the host stopped a handler, from its error: cpu, allocation, blocked, quarantine, refused (anything else). */
    static String stopKind(ProgramError e) {
        String m = e.message() == null ? "" : e.message();
        if ("quarantine".equals(e.handler())) return "quarantine";
        if (m.startsWith("used more than")) return "cpu";
        if (m.startsWith("allocated more than")) return "allocation";
        if (m.startsWith("was blocked for")) return "blocked";
        return "refused";
    }

    /** True for a stop by a handler limit (not an ordinary script error): what must never hit a station's own program. */
    static boolean isLimitStop(ProgramError e) {
        return !"refused".equals(stopKind(e));
    }
}

package org.stationd.cli;

import java.io.InputStream;
import java.util.List;

/**
 * The keyboard for {@code ./stationd call}: on a terminal, each key reaches the phone as it is
 * pressed (the terminal is taken out of line mode and given back as it was); otherwise standard
 * input as it is, read the same way.
 */
final class TerminalKeys implements AutoCloseable {
    private final String saved;   // stty -g of the terminal before, or null when not changed

    private TerminalKeys(String saved) {
        this.saved = saved;
    }

    static TerminalKeys open() {
        if (System.console() == null) return new TerminalKeys(null);
        String before = stty(List.of("-g"));   // fails unless standard input is a terminal
        if (before == null || stty(List.of("-icanon", "min", "1")) == null) return new TerminalKeys(null);
        return new TerminalKeys(before.trim());
    }

    InputStream input() {
        return System.in;
    }

    /** Runs stty on standard input; its output, or null if it could not (not a terminal, no stty). */
    private static String stty(List<String> args) {
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of("stty"));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : null;
        } catch (java.io.IOException e) {
            return null;   // no stty here: keys arrive line by line, after Enter
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        if (saved != null) stty(List.of(saved));
    }
}

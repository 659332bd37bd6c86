package org.stationd.esl.sim.app;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.media.Sound;

/**
 * switch_ivr_read as play_and_get_digits and read use it: play a prompt (a digit stops it and
 * counts), then collect digits until the maximum, a terminator, or a timeout (the first-digit
 * timeout, then the inter-digit one). Sets the result variable, {@code read_result} and
 * {@code read_terminator_used}; play_and_get_digits adds tries, validation and an invalid prompt.
 */
final class DigitCollector {
    private final AppRun run;
    private final int min;
    private final int max;
    private final int tries;
    private final long timeoutMs;
    private final String terminators;
    private final String prompt;
    private final String invalidPrompt;
    private final String var;
    private final Pattern regex;
    private final long digitTimeoutMs;
    private final String failureExt;
    private final StringBuilder digits = new StringBuilder();
    private int attempt;
    private Playing playing;
    private AppTimer wait;
    private boolean collecting;
    private boolean finished;

    DigitCollector(AppRun run, int min, int max, int tries, long timeoutMs, String terminators, String prompt, String invalidPrompt,
                   String var, String regex, long digitTimeoutMs, String failureExt) {
        this.run = run;
        this.min = min;
        this.max = Math.max(1, max);
        this.tries = Math.max(1, tries);
        this.timeoutMs = timeoutMs;
        this.terminators = terminators == null || terminators.equalsIgnoreCase("none") ? "" : terminators;
        this.prompt = prompt;
        this.invalidPrompt = invalidPrompt;
        this.var = var;
        Pattern p = null;
        if (regex != null && !regex.isEmpty()) {
            try {
                p = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                p = null;
            }
        }
        this.regex = p;
        this.digitTimeoutMs = digitTimeoutMs > 0 ? digitTimeoutMs : timeoutMs;
        this.failureExt = failureExt;
    }

    void start() {
        attempt++;
        digits.setLength(0);
        collecting = true;
        Sound s = prompt == null ? null : run.core().sounds().resolve(prompt);
        if (s != null) {
            playing = new Playing(run, prompt, s);
            playing.start(this::promptDone);
        } else {
            promptDone();
        }
    }

    private void promptDone() {
        playing = null;
        if (finished) {
            return;
        }
        armTimer(digits.isEmpty() ? timeoutMs : digitTimeoutMs);
    }

    private void armTimer(long ms) {
        if (wait != null) {
            wait.cancel();
        }
        wait = run.after(Math.max(0, ms), () -> endOfInput(null));
    }

    void onDigit(char d) {
        if (finished || !collecting) {
            return;
        }
        if (playing != null) {
            playing.stop("break");
            playing = null;
        }
        if (terminators.indexOf(d) >= 0 || (terminators.equalsIgnoreCase("any"))) {
            endOfInput(d);
            return;
        }
        digits.append(d);
        if (digits.length() >= max) {
            endOfInput(null);
        } else {
            armTimer(digitTimeoutMs);
        }
    }

    private void endOfInput(Character terminator) {
        if (finished) {
            return;
        }
        collecting = false;
        if (wait != null) {
            wait.cancel();
            wait = null;
        }
        Channel ch = run.channel();
        String got = digits.toString();
        if (terminator != null) {
            ch.vars().set("read_terminator_used", String.valueOf(terminator));
        }
        boolean valid = got.length() >= min && got.length() <= max && (regex == null || regex.matcher(got).matches());
        if (valid && !got.isEmpty()) {
            ch.vars().set(var, got);
            ch.vars().set("read_result", "success");
            done();
            return;
        }
        if (got.isEmpty() && min == 0 && terminator != null) {
            ch.vars().set("read_result", "success");
            done();
            return;
        }
        ch.vars().set("read_result", got.isEmpty() ? "timeout" : "failure");
        if (!got.isEmpty()) {
            ch.vars().set(var + "_invalid", got);
        }
        if (attempt >= tries) {
            ch.vars().remove(var);
            done();
            if (failureExt != null && !failureExt.isBlank()) {
                String[] f = failureExt.trim().split(" +");
                String ctx = f.length > 2 ? f[2] : ch.profile() == null ? "default" : ch.profile().context;
                ch.core().clock().execute(() -> TransferApp.transfer(ch, f[0], ctx));
            }
            return;
        }
        Sound bad = invalidPrompt == null ? null : run.core().sounds().resolve(invalidPrompt);
        if (bad != null && !got.isEmpty()) {
            collecting = false;
            playing = new Playing(run, invalidPrompt, bad);
            playing.start(() -> {
                playing = null;
                start();
            });
        } else {
            start();
        }
    }

    private void done() {
        finished = true;
        run.complete();
    }

    void interrupt() {
        finished = true;
        if (playing != null) {
            playing.stop("break");
        }
        if (wait != null) {
            wait.cancel();
        }
    }
}

package org.stationd.esl.sim.app;

/**
 * {@code play_and_get_digits <min> <max> <tries> <timeout_ms> <terminators> <file> <invalid_file>
 * <var_name> <regexp> [<digit_timeout_ms>] ['<failure_ext> [<dialplan> [<context>]]']}.
 */
final class PlayAndGetDigitsApp implements Application {
    @Override
    public String name() {
        return "play_and_get_digits";
    }

    @Override
    public void start(AppRun run) {
        String[] a = run.arg().trim().split(" +", 11);
        if (a.length < 9) {
            run.complete();
            return;
        }
        DigitCollector c = new DigitCollector(run, num(a[0], 1), num(a[1], 1), num(a[2], 1), num(a[3], 5000), a[4],
                a[5], a[6], a[7], a[8], a.length > 9 ? num(a[9], 0) : 0, a.length > 10 ? a[10].replace("'", "") : null);
        run.state = c;
        c.start();
    }

    static int num(String s, int fallback) {
        try {
            return Integer.parseInt(s.trim());
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    @Override
    public void onDtmf(AppRun run, char digit) {
        if (run.state instanceof DigitCollector c) {
            c.onDigit(digit);
        }
    }

    @Override
    public void interrupt(AppRun run, boolean hangup) {
        if (run.state instanceof DigitCollector c) {
            c.interrupt();
        }
    }

    @Override
    public boolean parsesMessages() {
        return false;
    }
}

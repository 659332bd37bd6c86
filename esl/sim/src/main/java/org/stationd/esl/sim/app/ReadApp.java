package org.stationd.esl.sim.app;

/** {@code read <min> <max> <sound_file> <var_name> <timeout_ms> <terminators> [<digit_timeout_ms>]}: one try of play_and_get_digits. */
final class ReadApp implements Application {
    @Override
    public String name() {
        return "read";
    }

    @Override
    public void start(AppRun run) {
        String[] a = run.arg().trim().split(" +");
        if (a.length < 6) {
            run.complete();
            return;
        }
        DigitCollector c = new DigitCollector(run, PlayAndGetDigitsApp.num(a[0], 1), PlayAndGetDigitsApp.num(a[1], 1), 1,
                PlayAndGetDigitsApp.num(a[4], 5000), a[5], a[2], null, a[3], null, a.length > 6 ? PlayAndGetDigitsApp.num(a[6], 0) : 0, null);
        run.state = c;
        c.start();
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

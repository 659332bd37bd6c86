package org.stationd.esl.sim.app;

/** {@code record_session <path> [<limit_secs>]} and {@code stop_record_session <path>|all}: a recording media bug. */
final class RecordSessionApp implements Application {
    private final boolean stop;

    RecordSessionApp(boolean stop) {
        this.stop = stop;
    }

    @Override
    public String name() {
        return stop ? "stop_record_session" : "record_session";
    }

    @Override
    public void start(AppRun run) {
        String[] a = run.arg().trim().split(" +");
        if (stop) {
            MediaBug.stopMatching(run.channel(), "session_record", a.length == 0 || a[0].isEmpty() ? "all" : a[0]);
        } else if (a.length > 0 && !a[0].isEmpty()) {
            long limit = 0;
            if (a.length > 1) {
                try {
                    limit = Long.parseLong(a[1]) * 1000;
                } catch (NumberFormatException ignored) {
                    limit = 0;
                }
            }
            MediaBug.start(run.channel(), "session_record", a[0], limit, null);
        }
        run.complete();
    }
}

package org.stationd.esl.sim.app;

/** {@code displace_session <file> [<flags>] [<limit>]}: a displace media bug for the file's length. */
final class DisplaceApp implements Application {
    @Override
    public String name() {
        return "displace_session";
    }

    @Override
    public void start(AppRun run) {
        String[] a = run.arg().trim().split(" +");
        if (a.length > 0 && !a[0].isEmpty()) {
            var s = run.core().sounds().resolve(a[0]);
            MediaBug.start(run.channel(), "displace", a[0], s == null ? 0 : s.durationMillis(), null);
        }
        run.complete();
    }
}

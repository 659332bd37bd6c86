package org.stationd.esl.sim.app;

/** {@code set <var>=<value>} (and {@code export}, which also sets it on a loopback or bridged partner; {@code unset <var>}). */
final class SetApp implements Application {
    private final String name;

    SetApp(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(AppRun run) {
        String a = run.arg();
        if (name.equals("unset")) {
            run.channel().vars().remove(a.trim());
        } else {
            int eq = a.indexOf('=');
            if (eq > 0) {
                String k = a.substring(0, eq).trim();
                String v = a.substring(eq + 1);
                if (k.startsWith("nolocal:")) {
                    k = k.substring(8);
                } else {
                    run.channel().vars().set(k, v);
                }
                if (name.equals("export")) {
                    var other = run.channel().bridgedTo() != null ? run.channel().bridgedTo() : run.channel().partner();
                    if (other != null) {
                        other.vars().set(k, v);
                    }
                }
            }
        }
        run.complete();
    }
}

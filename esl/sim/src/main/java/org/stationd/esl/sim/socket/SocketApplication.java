package org.stationd.esl.sim.socket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.sim.app.AppRun;
import org.stationd.esl.sim.app.Application;
import org.stationd.esl.sim.channel.Channel;
import org.stationd.esl.sim.event.Sites;

/**
 * {@code socket <host>[:<port>][/path] [async] [full]}: the switch connects to an outbound-socket
 * server and hands it the call. In async mode the channel parks once the client has sent
 * {@code connect}; sendmsg commands then run inside that park. If the server cannot be reached the
 * application ends (and with it, usually, the call), as FreeSWITCH's "Socket Error!" does.
 */
public final class SocketApplication implements Application {
    private static final Logger log = LoggerFactory.getLogger(SocketApplication.class);

    static final class State {
        EslConnection connection;
        boolean parked;
    }

    @Override
    public String name() {
        return "socket";
    }

    @Override
    public void start(AppRun run) {
        Channel ch = run.channel();
        String[] argv = run.arg().trim().split(" +");
        if (argv.length == 0 || argv[0].isEmpty()) {
            log.warn("{}: socket: Parse Error!", ch.name());
            run.complete();
            return;
        }
        String host = argv[0];
        int port = 8084;
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            String p = host.substring(colon + 1);
            host = host.substring(0, colon);
            int slash = p.indexOf('/');
            if (slash >= 0) {
                ch.vars().set("socket_path", p.substring(slash + 1));
                p = p.substring(0, slash);
            }
            try {
                port = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                port = 8084;
            }
        }
        ch.vars().set("socket_host", host);
        boolean async = false;
        boolean full = false;
        for (int i = 1; i < argv.length; i++) {
            async |= argv[i].equalsIgnoreCase("async");
            full |= argv[i].equalsIgnoreCase("full");
        }
        State st = new State();
        run.state = st;
        String h = host;
        int p = port;
        run.core().server().connectOut(host, port, ch, async, full, conn -> {
            st.connection = conn;
            if (ch.isDown() || run.isDone()) {
                conn.sessionDown();
                return;
            }
            ch.onReported(x -> conn.sessionDown());
        }, error -> {
            log.warn("{}: socket {}:{}: Socket Error! ({})", ch.name(), h, p, error == null ? "" : error.getMessage());
            if (!run.isDone()) {
                run.complete();
            }
        });
    }

    @Override
    public void interrupt(AppRun run, boolean hangup) {
        if (run.state instanceof State st && st.parked) {
            st.parked = false;
            run.channel().fire("CHANNEL_UNPARK", Sites.CHANNEL_UNPARK);
        }
    }

    @Override
    public boolean isParking() {
        return true;
    }

    @Override
    public boolean isParking(AppRun run) {
        return run.state instanceof State st && st.parked;
    }
}

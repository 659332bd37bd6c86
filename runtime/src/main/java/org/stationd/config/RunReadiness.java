package org.stationd.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.stationd.esl.embedded.SwitchProvider;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * What {@code run} needs beyond a well-formed file, tried without starting anything, so
 * {@code check} finds it at the key's line: the simulated switch's dialplan is read; the control and publish sockets are bound with ZeroMQ
 * as the host binds them, and let go at once; the data folder is a folder or can be made (nothing
 * is made); a JDBC driver here takes the database URL. Not tried: connecting to the database (check
 * must not need it up, nor lock H2's file while a host runs) and the switch ({@code check --switch}).
 */
final class RunReadiness {
    private final NodeReader r;
    private final Node root;
    private final java.util.List<String> notes;   // null: a port in use is an error

    private RunReadiness(NodeReader r, Node root, java.util.List<String> notes) {
        this.r = r;
        this.root = root;
        this.notes = notes;
    }

    /**
     * Errors go to {@code r}, at the key's value, or at the file's start for a default. With
     * {@code notes} (check, run beside a live host), a port in use is a note there instead.
     */
    static void check(NodeReader r, Node root, java.util.Collection<SwitchConfig> switches, Path simDialplan, ControlConfig control, Path data, DatabaseConfig database,
                      java.util.List<String> notes) {
        RunReadiness ready = new RunReadiness(r, root, notes);
        if (switches.stream().anyMatch(SwitchConfig::simulated) && simDialplan != null && Files.isRegularFile(simDialplan)) {
            ready.simDialplan(value(root, "sim"), simDialplan);
        }
        Node sockets = value(root, "control");
        try (ZContext zmq = new ZContext()) {
            ready.listen(zmq, value(sockets, "control"), "control.control", control.control());
            ready.listen(zmq, value(sockets, "publish"), "control.publish", control.publish());
        }
        ready.dataFolder(value(root, "data"), data);
        if (database != null) {
            ready.jdbc(value(value(root, "database"), "url"), database.url());
        }
    }

    /** The console's HTTP port is bound as the host binds it, and let go at once (port 0: any free one, nothing to try). */
    static void console(NodeReader r, Node root, ConsoleConfig console, java.util.List<String> notes) {
        if (console == null || console.port() == 0 || r.errors().stream().anyMatch(e -> e.key().startsWith("console."))) return;
        Node at = value(value(root, "console"), "listen");
        RunReadiness ready = new RunReadiness(r, root, notes);
        String problem = notHere(console.host());
        if (problem == null) {
            try (java.net.ServerSocket s = new java.net.ServerSocket()) {
                s.bind(new java.net.InetSocketAddress(InetAddress.getByName(console.host()), console.port()));
            } catch (java.net.BindException e) {
                if (console.onDefaultAddress()) {
                    return;   // the default port: the host runs without its console and says so (stations matter more)
                }
                if (notes != null) {
                    notes.add("console.listen: " + console.listen() + " is in use now (by the running host, if this is its file): run cannot start beside it");
                    return;
                }
                problem = "the port is in use (is another stationd running? choose another port)";
            } catch (IOException e) {
                problem = String.valueOf(e.getMessage());
            }
        }
        if (problem != null) {
            ready.error(at, "console.listen", "cannot listen on " + console.listen() + (at == null ? " (the default; set it under console:)" : "") + ": " + problem);
        }
    }

    /** The simulated switch reads its dialplan only when it starts: read it now. */
    private void simDialplan(Node at, Path file) {
        try {
            SwitchProvider.named("sim").readDialplan(ConfigText.read(file), file.toAbsolutePath().getParent());
        } catch (ConfigException e) {
            r.errors().addAll(e.errors());
        } catch (MarkedYamlEngineException e) {
            r.errors().add(new ConfigError(file.toString(), e.getProblemMark().map(m -> m.getLine() + 1).orElse(1),
                    e.getProblemMark().map(m -> m.getColumn() + 1).orElse(1), "", "not valid YAML: " + e.getProblem()));
        } catch (RuntimeException e) {
            error(at, "sim", "the simulated switch's dialplan '" + file + "': " + e.getMessage());
        } catch (StackOverflowError e) {
            // the simulator's reader has no nesting limit of its own
            error(at, "sim", "the simulated switch's dialplan '" + file + "' is nested too deep to read");
        }
    }

    private void listen(ZContext zmq, Node at, String key, String endpoint) {
        if (endpoint == null || EndpointSyntax.problem(endpoint) != null) {
            return;   // already reported
        }
        String problem = notHere(org.stationd.control.Endpoints.tcpHost(endpoint));
        if (problem == null) {
            try (ZMQ.Socket s = zmq.createSocket(SocketType.PUB)) {
                s.setLinger(0);
                s.bind(endpoint);
            } catch (ZMQException e) {
                if (e.getErrorCode() == ZMQ.Error.EADDRINUSE.getCode() && notes != null) {
                    notes.add(key + ": " + endpoint + " is in use now (by the running host, if this is its file): run cannot start beside it");
                    return;
                }
                problem = e.getErrorCode() == ZMQ.Error.EADDRINUSE.getCode()
                        ? "the port is in use (is another stationd running? choose another port)"
                        : e.getMessage().replaceFirst("^Errno \\d+ : ", "");
            } catch (RuntimeException e) {
                problem = String.valueOf(e.getMessage());
            }
        }
        if (problem != null) {
            error(at, key, "cannot listen on " + endpoint + (at == null ? " (the default; set it under control:)" : "") + ": " + problem);
        }
    }

    /** Why a host cannot be listened on from this machine, or null; ZeroMQ alone says "address in use" for an address that is not here. */
    private static String notHere(String host) {
        if (host == null || host.equals("*")) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(host);
            if (a.isAnyLocalAddress() || a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null) {
                return null;
            }
            return host + " is not an address of this machine";
        } catch (UnknownHostException e) {
            return "no such host or interface '" + host + "'";
        } catch (IOException e) {
            return null;   // cannot tell: the bind will say
        }
    }

    private void dataFolder(Node at, Path data) {
        if (Files.isDirectory(data)) {
            if (!Files.isWritable(data)) {
                error(at, "data", "the folder '" + data + "' is not writable");
            }
            return;
        }
        if (Files.exists(data)) {
            error(at, "data", "'" + data + "' is a file; data: names the folder for the event log and database");
            return;
        }
        Path up = data.getParent();
        while (up != null && !Files.exists(up)) {
            up = up.getParent();
        }
        if (up != null && !Files.isDirectory(up)) {
            error(at, "data", "cannot make the folder '" + data + "': '" + up + "' is a file");
        } else if (up != null && !Files.isWritable(up)) {
            error(at, "data", "cannot make the folder '" + data + "': '" + up + "' is not writable");
        }
    }

    private void jdbc(Node at, String url) {
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            error(at, "database.url", "no JDBC driver here takes '" + url + "'; stationd has PostgreSQL (jdbc:postgresql://HOST[:PORT]/DATABASE)"
                    + " and H2 (jdbc:h2:file:PATH)");
        }
    }

    private void error(Node at, String key, String message) {
        r.error(at != null ? at : root, key, message);
    }

    /** A mapping's value for a key, or null (anything else was reported when the file was read). */
    private static Node value(Node map, String key) {
        if (map instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }
}

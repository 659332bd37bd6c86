package org.stationd.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZCert;
import org.zeromq.ZConfig;
import org.zeromq.ZMQ;

/**
 * The control socket's CURVE keys, as JeroMQ's own certificate files ({@link ZCert}, read back
 * with {@link ZConfig} as {@link org.zeromq.ZCertStore} does). A keys folder:
 * <pre>
 * host.cert               the host's public certificate (operators need a copy)
 * host.cert_secret        the host's secret certificate (stays on the host)
 * operators/NAME.cert     one public certificate per authorised operator (the host's ZAuth reads this folder;
 *                         metadata role = "read-only" allows only status and schedule list)
 * operator.cert_secret    the local operator's secret certificate (the CLI's)
 * NAME/                   another operator's kit: host.cert and operator.cert_secret, to hand over
 * </pre>
 */
public final class ControlKeys {
    public static final String HOST_PUBLIC = "host.cert";
    public static final String HOST_SECRET = "host.cert_secret";
    public static final String OPERATORS = "operators";
    public static final String OPERATOR_SECRET = "operator.cert_secret";
    public static final String DEFAULT_OPERATOR = "operator";
    /** Certificate metadata: the operator's name and role. */
    public static final String META_NAME = "name";
    public static final String META_ROLE = "role";
    public static final String READ_ONLY = "read-only";

    private ControlKeys() {}

    /** What the host needs: its own certificate and the folder of authorised operators. */
    public record Host(ZCert cert, Path operators) {}

    /** What an operator's CLI needs: the host's public key and the operator's own certificate. */
    public record Operator(byte[] hostPublicKey, ZCert cert) {
        public void apply(ZMQ.Socket socket) {
            socket.setCurveServerKey(hostPublicKey);
            socket.setCurvePublicKey(cert.getPublicKey());
            socket.setCurveSecretKey(cert.getSecretKey());
        }
    }

    /** Null if {@code dir} is a usable keys folder for a host, else what is wrong with it. */
    public static String hostProblem(Path dir) {
        try {
            forHost(dir);
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    public static Host forHost(Path dir) throws IOException {
        ZCert cert = read(dir.resolve(HOST_SECRET), true);
        Path operators = dir.resolve(OPERATORS);
        if (!Files.isDirectory(operators)) {
            throw new IOException("the keys folder " + dir + " has no '" + OPERATORS + "' folder of authorised operators; make keys with ./stationd keys --dir " + dir);
        }
        return new Host(cert, operators);
    }

    public static Operator forOperator(Path dir) throws IOException {
        ZCert host = read(dir.resolve(HOST_PUBLIC), false);
        ZCert me = read(dir.resolve(OPERATOR_SECRET), true);
        return new Operator(host.getPublicKey(), me);
    }

    /** Reads one certificate file; a secret one must hold both keys. */
    static ZCert read(Path file, boolean secret) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + file.getFileName() + " in " + file.toAbsolutePath().getParent() + "; make keys with ./stationd keys");
        }
        ZConfig c;
        try {
            c = ZConfig.load(file.toString());
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not a ZeroMQ certificate: " + e.getMessage());
        }
        String pub = c == null ? null : c.getValue("curve/public-key");
        String sec = c == null ? null : c.getValue("curve/secret-key");
        if (pub == null || pub.length() != 40 || (secret && (sec == null || sec.length() != 40))) {
            throw new IOException(file + " is not a ZeroMQ " + (secret ? "secret " : "") + "certificate (curve/public-key"
                    + (secret ? " and curve/secret-key" : "") + " of 40 characters)");
        }
        return secret ? new ZCert(pub, sec) : new ZCert(pub, null);
    }

    /**
     * Makes what is missing, never overwriting a file: the host's certificate, then operator
     * {@code name}'s (public in operators/, secret in the folder itself for the default operator, in
     * NAME/ with a copy of host.cert otherwise). Returns one line per file: made or kept.
     */
    public static List<String> create(Path dir, String name, boolean readOnly) throws IOException {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") || name.equals(OPERATORS)) {
            throw new IOException("operator name '" + name + "': use letters, digits, '.', '-' or '_'");
        }
        List<String> said = new ArrayList<>();
        Files.createDirectories(dir.resolve(OPERATORS));
        Path hostSecret = dir.resolve(HOST_SECRET);
        if (Files.exists(hostSecret)) {
            said.add("kept " + hostSecret + " (exists)");
        } else {
            ZCert host = new ZCert();
            host.setMeta(META_NAME, "stationd host");
            saveSecret(host, hostSecret);
            host.savePublic(dir.resolve(HOST_PUBLIC).toString());
            said.add("made " + hostSecret + " (stays on the host) and " + dir.resolve(HOST_PUBLIC));
        }
        Path pub = dir.resolve(OPERATORS).resolve(name + ".cert");
        Path kit = name.equals(DEFAULT_OPERATOR) ? dir : dir.resolve(name);
        Path secret = kit.resolve(OPERATOR_SECRET);
        if (Files.exists(pub) || Files.exists(secret)) {
            said.add("kept operator " + name + " (" + pub + " exists; delete it to revoke, then run again)");
            return said;
        }
        ZCert op = new ZCert();
        op.setMeta(META_NAME, name);
        if (readOnly) {
            op.setMeta(META_ROLE, READ_ONLY);
        }
        Files.createDirectories(kit);
        saveSecret(op, secret);
        op.savePublic(pub.toString());
        if (!kit.equals(dir)) {
            Files.copy(dir.resolve(HOST_PUBLIC), kit.resolve(HOST_PUBLIC));
        }
        said.add("made operator " + name + (readOnly ? " (read-only)" : "") + ": authorised by " + pub + ", its keys in " + kit
                + (kit.equals(dir) ? "" : " (hand this folder over; STATIOND_CONTROL_KEYS=" + kit + ")"));
        return said;
    }

    private static void saveSecret(ZCert cert, Path file) throws IOException {
        cert.saveSecret(file.toString());
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's permissions protect it
        }
    }
}

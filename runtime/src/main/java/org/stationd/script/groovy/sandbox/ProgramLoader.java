package org.stationd.script.groovy.sandbox;

import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every program version's class loader: programs link against the JDK, the Groovy
 * runtime, the scripting API ({@code org.stationd.api}) and the two host classes compiled code
 * needs (its base class and the {@link Checker}); nothing else of the host (its internals,
 * Netty, H2, GraalVM, ZeroMQ) can be named or loaded, and no resource can be read through it, so
 * no global AST transformation or script file is found on the host's class path.
 */
public final class ProgramLoader extends ClassLoader {
    private static final String[] VISIBLE_PACKAGES = {"java.", "groovy.", "org.codehaus.groovy.", "org.apache.groovy.",
        "org.stationd.api."};
    private static final String[] VISIBLE_CLASSES = {"org.stationd.script.groovy.ProgramScript",
        "org.stationd.script.groovy.sandbox.Checker"};

    private final ClassLoader host;

    public ProgramLoader(ClassLoader host) {
        super("stationd-programs", null);
        this.host = host;
    }

    static boolean visible(String name) {
        for (String c : VISIBLE_CLASSES) {
            if (name.equals(c)) return true;
        }
        for (String p : VISIBLE_PACKAGES) {
            if (name.startsWith(p)) return true;
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!visible(name)) {
            throw new ClassNotFoundException(name + " (not available to programs)");
        }
        return host.loadClass(name);
    }

    @Override
    public URL getResource(String name) {
        return null;
    }

    @Override
    public Enumeration<URL> getResources(String name) {
        return Collections.emptyEnumeration();
    }

    /** Whether a class was compiled from a program (by a loader below this one). */
    static boolean isProgramClass(Class<?> c) {
        for (ClassLoader l = c.getClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof ProgramLoader) return true;
        }
        return false;
    }
}

package org.stationd.verb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every call verb there is: each concrete {@link Verb} subclass in this package, wherever on the
 * class path it lies (the runtime's classes or jar, a test's classes), found once per process. So
 * a new verb is registered by being written; nothing lists it.
 */
final class VerbCatalog {
    private VerbCatalog() {}

    private static final class Loaded {
        static final Map<String, Verb> VERBS = byName(find());
    }

    /** One instance of each verb, by name; verbs hold no state, so every station shares them. */
    static Map<String, Verb> verbs() {
        return Loaded.VERBS;
    }

    private static Map<String, Verb> byName(List<Verb> found) {
        Map<String, Verb> byName = new LinkedHashMap<>();
        for (Verb v : found) {
            Verb before = byName.put(v.name(), v);
            if (before != null) {
                throw new IllegalStateException("two verbs are named '" + v.name() + "': " + before.getClass().getName() + " and " + v.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(byName);
    }

    private static List<Verb> find() {
        String pkg = Verb.class.getPackageName().replace('.', '/');
        List<String> classes = new ArrayList<>();
        try {
            Enumeration<URL> roots = Verb.class.getClassLoader().getResources(pkg);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("jar")) {
                    URI jar = URI.create(root.toString().substring(0, root.toString().indexOf("!/") + 2));
                    try (FileSystem fs = FileSystems.newFileSystem(jar, Map.of())) {
                        classesIn(fs.getPath(pkg), classes);
                    } catch (java.nio.file.FileSystemAlreadyExistsException open) {   // someone else's, left open
                        classesIn(FileSystems.getFileSystem(jar).getPath(pkg), classes);
                    }
                } else if (root.getProtocol().equals("file")) {
                    classesIn(Path.of(root.toURI()), classes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Collections.sort(classes);
        List<Verb> verbs = new ArrayList<>();
        for (String simple : classes) {
            Class<?> c;
            try {
                c = Class.forName(Verb.class.getPackageName() + "." + simple, false, Verb.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                continue;
            }
            if (Verb.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                try {
                    verbs.add((Verb) c.getDeclaredConstructor().newInstance());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("verb " + c.getName() + " needs a constructor without arguments", e);
                }
            }
        }
        return List.copyOf(verbs);
    }

    /** Top-level classes directly in {@code dir} (no nested ones: a verb is a class of its own). */
    private static void classesIn(Path dir, List<String> out) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .filter(n -> !out.contains(n))
                    .forEach(out::add);
        }
    }
}

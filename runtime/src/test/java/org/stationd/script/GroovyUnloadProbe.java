package org.stationd.script;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.stationd.api.EventKind;

/**
 * Run in its own small JVM by {@link GroovyEngineTest}: loads, runs and closes a few versions of
 * a program, then checks their class loaders are gone. Soft references are cleared at every GC
 * here ({@code -XX:SoftRefLRUPolicyMSPerMB=0}): the JDK's method handle {@code asType} cache
 * softly keeps the last script's classes until memory runs short, which is fine; a strong
 * reference would be a leak, and this catches it. Prints {@code released N/N}; exit 0 if all.
 */
public final class GroovyUnloadProbe {
    public static void main(String[] args) throws Exception {
        int versions = 3;
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        try (ProgramEngines engines = new ProgramEngines()) {
            for (int v = 1; v <= versions; v++) {
                String text = "program { state('a') { enter { log.info('v" + v + "') }; on.dtmf { e -> [1, 2].each { log.info(\"${it}\") } } } }\n";
                try (LoadedProgram p = engines.load(ProgramSource.of("reload.groovy", text), new FakeContext(new ActionLog()))) {
                    loaders.add(new WeakReference<>(scriptLoader(p)));
                    Scripts.invoke(engines, p, "a", EventKind.DTMF, Scripts.dtmf("1"), Duration.ofSeconds(5));
                }
            }
            if (engines.groovy().versionsLoaded() != 0) {
                System.out.println("versions still loaded: " + engines.groovy().versionsLoaded());
                System.exit(2);
            }
        }
        long released = 0;
        for (int i = 0; i < 50; i++) {
            System.gc();
            released = loaders.stream().filter(r -> r.get() == null).count();
            if (released == versions) break;
            Thread.sleep(20);
        }
        System.out.println("released " + released + "/" + versions);
        System.exit(released == versions ? 0 : 1);
    }

    /** The class loader of a loaded program's script classes (a test-only peek at the handler). */
    static ClassLoader scriptLoader(LoadedProgram p) throws Exception {
        Object handler = p.definition().state("a").enter();
        Field f = handler.getClass().getDeclaredField("closure");
        f.setAccessible(true);
        return f.get(handler).getClass().getClassLoader();
    }
}

package org.stationd.verb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.api.Call;
import org.stationd.testing.Show;

/**
 * Adding a call verb is its class, its specs.json entry and its {@link Call} method (docs/adding-a-verb.md):
 * the test-only {@link Note} verb is registered by being on the class path, checked against its
 * entry, and reached from Groovy and JavaScript with no other change; and every {@link Call}
 * action reaches a registered verb.
 */
class AddingAVerbTest {
    @TempDir
    Path dir;

    static final String GROOVY = """
            program {
                apiVersion 1
                state('dialling') {
                    enter { station.dialTransmitter() }
                    on.answered { e ->
                        e.call.verb('note', [text: 'hello from groovy'])
                        e.call.verb('note', [loud: true])
                    }
                }
            }
            """;
    static final String JS = """
            program({
              apiVersion: 1,
              states: {
                dialling: {
                  enter() { station.dialTransmitter(); },
                  answered(e) {
                    e.call.verb('note', {text: 'hello from js'});
                    e.call.verb('note', {loud: true});
                  }
                }
              }
            });
            """;

    @Test
    void aVerbThatIsOnlyItsClassAndSpecRunsFromGroovyAndJavaScript() throws Exception {
        try (Show show = Show.in(dir).program("note.groovy", GROOVY).program("note.js", JS)
                .station("kla", s -> s.program("note.groovy").transmitter("user/3001"))
                .station("gul", s -> s.program("note.js").transmitter("user/3002")).start()) {
            show.await("both programs ran the verb", () -> Note.heard().contains("kla hello from groovy") && Note.heard().contains("gul hello from js"));
            show.await("its spec is checked", () -> show.errors().size() >= 2);
            assertTrue(show.errors().stream().allMatch(e -> e.message().contains("unknown option 'loud' for note; allowed: text")), show.errors().toString());
        }
    }

    @Test
    void everyCallActionRunsARegisteredVerb() throws Exception {
        List<String> ran = new ArrayList<>();
        Call recorder = (Call) Proxy.newProxyInstance(Call.class.getClassLoader(), new Class<?>[] {Call.class}, (proxy, m, args) -> {
            if (m.getName().equals("verb")) {
                ran.add((String) args[0]);
                return null;
            }
            return m.isDefault() ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, m, args) : null;
        });
        int actions = 0;
        for (Method m : Call.class.getMethods()) {
            if (!m.isDefault() || Modifier.isStatic(m.getModifiers())) continue;
            Object[] args = new Object[m.getParameterCount()];
            for (int i = 0; i < args.length; i++) {
                Class<?> t = m.getParameterTypes()[i];
                args[i] = t == int.class ? 1 : t == String.class ? "x" : t == Map.class ? Map.of() : t == Call.class ? recorder
                        : Proxy.newProxyInstance(t.getClassLoader(), new Class<?>[] {t}, (p, x, a) -> null);
            }
            m.invoke(recorder, args);
            actions++;
        }
        assertEquals(actions, ran.size(), "each action runs one verb");
        assertTrue(VerbCatalog.verbs().keySet().containsAll(ran), ran + " vs " + VerbCatalog.verbs().keySet());
        assertTrue(VerbCatalog.verbs().keySet().containsAll(List.of("answer", "play", "collect", "set", "note")), VerbCatalog.verbs().keySet().toString());
    }
}

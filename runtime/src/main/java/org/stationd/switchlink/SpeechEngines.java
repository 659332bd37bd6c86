package org.stationd.switchlink;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.client.EslClient;

/**
 * What one switch said about its text-to-speech engines. FreeSWITCH's {@code speak} without its
 * engine's module ends like a good one ({@code Application-Response: _none_}, no other sign on the
 * channel; only its log says {@code Invalid speech module}), so the host asks {@code module_exists}
 * once per engine and connection, and says once in its own log when one is missing. Every station's
 * link to the same client shares the answer.
 */
public final class SpeechEngines {
    private static final Logger log = LoggerFactory.getLogger(SpeechEngines.class);
    private static final Map<EslClient, SpeechEngines> BY_CLIENT = Collections.synchronizedMap(new WeakHashMap<>());

    private final EslClient client;
    private final Map<String, Boolean> answers = new ConcurrentHashMap<>();
    private final Set<String> asked = ConcurrentHashMap.newKeySet();

    private SpeechEngines(EslClient client) {
        this.client = client;
    }

    static SpeechEngines of(EslClient client) {
        return BY_CLIENT.computeIfAbsent(client, SpeechEngines::new);
    }

    /** True or false once the switch has answered; null until then (the first call asks). */
    Boolean has(String engine) {
        if (asked.add(engine)) {
            client.api("module_exists mod_" + engine).whenComplete((r, e) -> {
                if (e != null || r == null) {
                    asked.remove(engine);   // no answer (the switch is down): ask again next time
                    return;
                }
                switch (r.body().trim()) {
                    case "true" -> answers.put(engine, true);
                    case "false" -> {
                        answers.put(engine, false);
                        log.warn("FreeSWITCH: {}: say will fail", missing(engine));
                    }
                    default -> { }   // a switch that cannot tell (-ERR): stays unknown, say goes on as before
                }
            });
        }
        return answers.get(engine);
    }

    /** The one line that says what is wrong and what to do, e.g. for {@code flite}. */
    public static String missing(String engine) {
        return "this switch has no text-to-speech module (" + engine + "); install mod_" + engine + " or use recorded prompts";
    }

    /** The engine of a {@code speak} voice such as {@code flite|kal}. */
    public static String engineOf(String ttsVoice) {
        int bar = ttsVoice.indexOf('|');
        return bar < 0 ? ttsVoice : ttsVoice.substring(0, bar);
    }
}

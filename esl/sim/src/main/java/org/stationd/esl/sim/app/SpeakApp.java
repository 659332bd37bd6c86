package org.stationd.esl.sim.app;

import org.stationd.esl.sim.media.Tts;

/**
 * {@code speak <engine>|<voice>|<text>} and {@code say <lang> <type> <method> <text>}: a stand-in
 * TTS. Nothing is synthesised; the application lasts as long as the text would take to say and is
 * stopped by a playback terminator digit. FreeSWITCH's speak fires no PLAYBACK_* events, so
 * neither does this. An engine the switch has no module for (sim.yaml {@code switch: speech_modules})
 * makes speak end at once, as FreeSWITCH does without mod_flite.
 */
final class SpeakApp implements Application {
    private final String name;

    SpeakApp(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(AppRun run) {
        String a = run.arg();
        String text = a;
        if (name.equals("speak")) {
            String[] parts = a.split("\\|", 3);
            text = parts[parts.length - 1];
            String engine = parts.length == 3 ? parts[0] : run.channel().vars().get("tts_engine");
            if (!hasSpeechModule(run, engine)) {
                // "Invalid speech module [flite]!" in FreeSWITCH's log; speak ends at once, nothing said
                org.slf4j.LoggerFactory.getLogger(SpeakApp.class).warn("speak: invalid speech module [{}]", engine);
                run.complete();
                return;
            }
        } else {
            String[] parts = a.split(" ", 4);
            text = parts[parts.length - 1];
        }
        run.after(Tts.durationMillis(text), run::complete);
    }

    /** The dialplan's {@code switch: speech_modules} (comma-separated; {@code none}); unset: every engine is there. */
    private static boolean hasSpeechModule(AppRun run, String engine) {
        return run.core().dialplan().hasSpeechModule(engine);
    }

    @Override
    public void onDtmf(AppRun run, char digit) {
        if (PlaybackApp.terminates(run, digit)) {
            run.complete();
        }
    }
}

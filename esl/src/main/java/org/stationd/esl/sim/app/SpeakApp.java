package org.stationd.esl.sim.app;

import org.stationd.esl.sim.media.Tts;

/**
 * {@code speak <engine>|<voice>|<text>} and {@code say <lang> <type> <method> <text>}: a stand-in
 * TTS. Nothing is synthesised; the application lasts as long as the text would take to say and is
 * stopped by a playback terminator digit. FreeSWITCH's speak fires no PLAYBACK_* events, so
 * neither does this.
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
        } else {
            String[] parts = a.split(" ", 4);
            text = parts[parts.length - 1];
        }
        run.after(Tts.durationMillis(text), run::complete);
    }

    @Override
    public void onDtmf(AppRun run, char digit) {
        if (PlaybackApp.terminates(run, digit)) {
            run.complete();
        }
    }
}

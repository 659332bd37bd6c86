package org.stationd.station;

import java.util.Map;

/**
 * What a station command puts on air, read from the command as the event log records it: the file
 * name of a playback (on a call or into a conference), or {@code say:<text>} for speech; null for
 * any other command. Program tests list it ({@code Show.aired}), the test phone shows it live.
 */
public final class Aired {
    private Aired() {}

    /** {@code kind} and {@code fields} as a {@link StationTap} sees an {@code out} record. */
    public static String of(String kind, Map<String, Object> fields) {
        if ("sendmsg".equals(kind) && fields.get("headers") instanceof Map<?, ?> h) {
            Object app = h.get("execute-app-name");
            String arg = String.valueOf(h.get("execute-app-arg"));
            if ("playback".equals(app) || "speak".equals(app)) {
                return fileName(arg);
            }
            if ("play_and_get_digits".equals(app)) {
                String[] args = arg.split(" ");   // min max tries timeout terminators PROMPT invalid var regex
                String prompt = args.length > 5 ? args[5] : "";
                return prompt.isEmpty() || prompt.startsWith("silence_stream://") ? null : fileName(prompt);
            }
        } else if ("api".equals(kind)) {
            String cmd = String.valueOf(fields.get("cmd"));
            int play = cmd.indexOf(" play ");
            int say = cmd.indexOf(" say ");
            if (cmd.startsWith("conference ") && say > 0 && (play < 0 || say < play)) {
                return "say:" + cmd.substring(say + 5);
            }
            if (cmd.startsWith("conference ") && play > 0) {
                String what = cmd.substring(play + 6);
                return what.startsWith("say:") ? what : fileName(what);
            }
        }
        return null;
    }

    /** The same as a line for people: {@code plays jingle.wav}, {@code says Welcome}; null for other commands. */
    public static String describe(String kind, Map<String, Object> fields) {
        if ("sendmsg".equals(kind) && fields.get("headers") instanceof Map<?, ?> h) {
            String arg = String.valueOf(h.get("execute-app-arg"));
            if ("speak".equals(h.get("execute-app-name"))) {
                String[] engineVoiceText = arg.split("\\|", 3);
                return "says " + engineVoiceText[engineVoiceText.length - 1];
            }
        }
        String what = of(kind, fields);
        if (what == null) return null;
        return what.startsWith("say:") ? "says " + what.substring(4) : "plays " + what;
    }

    /**
     * What a call's application that the switch has just started does for the caller (a
     * {@code CHANNEL_EXECUTE}'s headers): {@code listens for keys} once keys are collected,
     * {@code records <file>} once the voice is recorded; null for others. Keys pressed earlier,
     * while a prompt that asks nothing yet plays, are lost, so a test phone's script waits for these.
     */
    public static String started(Map<?, ?> headers) {
        Object app = headers.get("Application");
        String arg = String.valueOf(headers.get("Application-Data"));
        if ("play_and_get_digits".equals(app)) return "listens for keys";
        if ("record".equals(app)) return "records " + fileName(arg.split(" ")[0]);   // path max-seconds
        return null;
    }

    private static String fileName(String arg) {
        if (arg.startsWith("{") && arg.indexOf('}') > 0) arg = arg.substring(arg.indexOf('}') + 1);   // the switch's file options: {stationd_play=<uuid>}
        if (arg.contains("://")) return arg;
        return arg.substring(arg.lastIndexOf('/') + 1);
    }
}

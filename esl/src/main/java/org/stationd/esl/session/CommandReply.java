package org.stationd.esl.session;

import java.util.Map;
import org.stationd.esl.codec.EslFrame;

/** The {@code command/reply} to a command: {@code Reply-Text} starts with {@code +OK} or {@code -ERR}. */
public record CommandReply(String replyText, Map<String, String> headers) {
    public static CommandReply of(EslFrame frame) {
        String text = frame.replyText();
        return new CommandReply(text == null ? "" : text, frame.headers());
    }

    public boolean isOk() {
        return replyText.startsWith("+OK");
    }

    public String header(String name) {
        return headers.get(name);
    }
}

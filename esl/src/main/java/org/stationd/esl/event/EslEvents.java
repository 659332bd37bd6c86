package org.stationd.esl.event;

import org.stationd.esl.codec.ContentType;
import org.stationd.esl.codec.EslFrame;

/** Reads the event a {@code text/event-*} frame carries. */
public final class EslEvents {
    private EslEvents() {}

    /**
     * @throws EventFormatException if the frame is not an event or its content is malformed
     */
    public static EslEvent parse(EslFrame frame) {
        return parse(frame.contentType(), frame.body());
    }

    public static EslEvent parse(String contentType, byte[] body) {
        return switch (contentType) {
            case ContentType.EVENT_PLAIN -> PlainEventParser.parse(body);
            case ContentType.EVENT_JSON -> JsonEventParser.parse(body);
            case ContentType.EVENT_XML -> XmlEventParser.parse(body);
            default -> throw new EventFormatException("not an event frame: Content-Type " + contentType);
        };
    }

    /**
     * The outbound-mode {@code connect} reply: a command/reply whose URL-encoded header block is
     * the channel's data. Returned as a CHANNEL_DATA event so callers read it like any other.
     */
    public static EslEvent fromConnectReply(EslFrame frame) {
        return new EslEvent(EslEvent.Format.PLAIN, frame.headers(), null);
    }
}

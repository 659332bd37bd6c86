package org.stationd.esl.codec;

/** The {@code Content-Type} values FreeSWITCH's mod_event_socket sends. */
public final class ContentType {
    private ContentType() {}

    public static final String AUTH_REQUEST = "auth/request";
    public static final String COMMAND_REPLY = "command/reply";
    public static final String API_RESPONSE = "api/response";
    public static final String EVENT_PLAIN = "text/event-plain";
    public static final String EVENT_JSON = "text/event-json";
    public static final String EVENT_XML = "text/event-xml";
    public static final String DISCONNECT_NOTICE = "text/disconnect-notice";
    public static final String RUDE_REJECTION = "text/rude-rejection";
    public static final String LOG_DATA = "log/data";

    /** Types whose frames always carry a body and so must state its length. */
    public static boolean requiresBody(String type) {
        return switch (type) {
            case API_RESPONSE, EVENT_PLAIN, EVENT_JSON, EVENT_XML, LOG_DATA -> true;
            default -> false;
        };
    }

    public static boolean isEvent(String type) {
        return EVENT_PLAIN.equals(type) || EVENT_JSON.equals(type) || EVENT_XML.equals(type);
    }
}

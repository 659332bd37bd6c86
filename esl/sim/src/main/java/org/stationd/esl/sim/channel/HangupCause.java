package org.stationd.esl.sim.channel;

import java.util.Locale;

/** switch_call_cause_t with FreeSWITCH's names and numbers. */
public enum HangupCause {
    NONE(0), UNALLOCATED_NUMBER(1), NO_ROUTE_TRANSIT_NET(2), NO_ROUTE_DESTINATION(3), CHANNEL_UNACCEPTABLE(6),
    CALL_AWARDED_DELIVERED(7), NORMAL_CLEARING(16), USER_BUSY(17), NO_USER_RESPONSE(18), NO_ANSWER(19),
    SUBSCRIBER_ABSENT(20), CALL_REJECTED(21), NUMBER_CHANGED(22), REDIRECTION_TO_NEW_DESTINATION(23),
    EXCHANGE_ROUTING_ERROR(25), DESTINATION_OUT_OF_ORDER(27), INVALID_NUMBER_FORMAT(28), FACILITY_REJECTED(29),
    RESPONSE_TO_STATUS_ENQUIRY(30), NORMAL_UNSPECIFIED(31), NORMAL_CIRCUIT_CONGESTION(34), NETWORK_OUT_OF_ORDER(38),
    NORMAL_TEMPORARY_FAILURE(41), SWITCH_CONGESTION(42), ACCESS_INFO_DISCARDED(43), REQUESTED_CHAN_UNAVAIL(44),
    PRE_EMPTED(45), FACILITY_NOT_SUBSCRIBED(50), OUTGOING_CALL_BARRED(52), INCOMING_CALL_BARRED(54),
    BEARERCAPABILITY_NOTAUTH(57), BEARERCAPABILITY_NOTAVAIL(58), SERVICE_UNAVAILABLE(63), BEARERCAPABILITY_NOTIMPL(65),
    CHAN_NOT_IMPLEMENTED(66), FACILITY_NOT_IMPLEMENTED(69), SERVICE_NOT_IMPLEMENTED(79), INVALID_CALL_REFERENCE(81),
    INCOMPATIBLE_DESTINATION(88), INVALID_MSG_UNSPECIFIED(95), MANDATORY_IE_MISSING(96), MESSAGE_TYPE_NONEXIST(97),
    WRONG_MESSAGE(98), IE_NONEXIST(99), INVALID_IE_CONTENTS(100), WRONG_CALL_STATE(101), RECOVERY_ON_TIMER_EXPIRE(102),
    MANDATORY_IE_LENGTH_ERROR(103), PROTOCOL_ERROR(111), INTERWORKING(127), SUCCESS(142), ORIGINATOR_CANCEL(487),
    CRASH(700), SYSTEM_SHUTDOWN(701), LOSE_RACE(702), MANAGER_REQUEST(703), BLIND_TRANSFER(800), ATTENDED_TRANSFER(801),
    ALLOTTED_TIMEOUT(802), USER_CHALLENGE(803), MEDIA_TIMEOUT(804), PICKED_OFF(805), USER_NOT_REGISTERED(806),
    PROGRESS_TIMEOUT(807), INVALID_GATEWAY(808), GATEWAY_DOWN(809), INVALID_URL(810), INVALID_PROFILE(811),
    NO_PICKUP(812), SRTP_READ_ERROR(813);

    private final int code;

    HangupCause(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** hangup_cause_q850: FreeSWITCH's own causes (above 127) report as NORMAL_CLEARING. */
    public int q850() {
        return code <= 127 ? code : NORMAL_CLEARING.code;
    }

    /** By name (any case) or number; unknown text gives null. */
    public static HangupCause parse(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.trim();
        if (t.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(t);
            for (HangupCause c : values()) {
                if (c.code == n) {
                    return c;
                }
            }
            return null;
        }
        try {
            return valueOf(t.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

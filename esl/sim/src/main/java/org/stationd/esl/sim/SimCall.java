package org.stationd.esl.sim;

import java.util.Map;

/**
 * A snapshot of one simulated channel, for the control API.
 *
 * @param otherLeg the loopback partner or bridged channel, if any
 */
public record SimCall(String uuid, String name, String direction, String state, String callState, String answerState,
                      String callerIdNumber, String destination, String context, String application, String otherLeg,
                      Map<String, String> variables) {
}

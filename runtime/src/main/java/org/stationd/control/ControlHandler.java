package org.stationd.control;

import java.util.Map;

/** Answers operator commands; the host implements it. The reply is JSON-like. */
@FunctionalInterface
public interface ControlHandler {
    Map<String, Object> handle(ControlCommand command) throws Exception;
}

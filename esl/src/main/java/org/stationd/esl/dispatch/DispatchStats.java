package org.stationd.esl.dispatch;

/** A snapshot of an {@link EventDispatcher}'s counters. */
public record DispatchStats(long received, long dispatched, long dropped, int queueDepth, long listenerErrors) {}

package org.stationd.esl.sim.event;

/** Where in FreeSWITCH's C sources an event comes from: its Event-Calling-File/Function/Line-Number. */
public record CallSite(String file, String function, int line) {
}

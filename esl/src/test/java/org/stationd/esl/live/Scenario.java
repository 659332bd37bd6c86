package org.stationd.esl.live;

/** One differential scenario: the same commands, run once on each switch. */
record Scenario(String name, Body body) {
    interface Body {
        void run(ScenarioRun run) throws Exception;
    }

    @Override
    public String toString() {
        return name;
    }
}

package org.stationd.script;

import org.stationd.api.ProgramContext;

/** Turns a script into a running program for one station, or says exactly why it cannot. */
public interface ProgramEngine extends AutoCloseable {
    Language language();

    /**
     * Compiles the script, runs its top level (which only declares the program) and returns the
     * definition with every handler bound to {@code ctx}. Actions ({@code station.dialTransmitter()},
     * {@code go}) are refused while the top level runs: they belong in handlers.
     */
    LoadedProgram load(ProgramSource source, ProgramContext ctx) throws ProgramCompileException;

    /**
     * What {@code ./stationd check} runs: compiles and reads the definition against an inert
     * station, so syntax errors, unknown handlers, duplicate states and bad {@code go} targets are
     * all reported, then releases everything. No handler runs.
     */
    void check(ProgramSource source) throws ProgramCompileException;

    @Override
    void close();
}

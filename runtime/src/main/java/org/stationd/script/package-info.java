/**
 * Script engines: turn a station program (Groovy or JavaScript) into a
 * {@link org.stationd.api.ProgramDefinition} whose handlers are bound to one station's
 * {@link org.stationd.api.ProgramContext}, and run those handlers safely.
 *
 * <ul>
 * <li>{@link org.stationd.script.ProgramEngines} picks the engine by file extension;
 *     {@code load} for running, {@code check} for {@code ./stationd check}. A script that does
 *     not compile throws {@link org.stationd.script.ProgramCompileException}
 *     ({@code file:line:column: what}) and the running version stays on air.</li>
 * <li>{@link org.stationd.script.HandlerRunner} calls a handler on the station's thread under a
 *     time limit (200 ms by default); an overrun is stopped (Groovy: thread interrupt, compiled-in
 *     {@code ThreadInterrupt} checks; JS: {@code Context.interrupt}) and reported as
 *     {@link org.stationd.script.HandlerTimeoutException}; other failures as
 *     {@link org.stationd.script.HandlerException}, both with a
 *     {@link org.stationd.api.ProgramError} naming the script line.</li>
 * <li>The same rules in both languages: the same handler names
 *     ({@link org.stationd.script.HandlerNames}), mistakes found at load time with their
 *     position (unknown handler with a suggestion, {@code go} to a missing state, apiVersion too
 *     new, duplicate Groovy state), actions refused while the script's top level runs
 *     ({@link org.stationd.script.BoundContext}), {@code data} a plain Java map of JSON-like
 *     values that survives reloads, even into the other language.</li>
 * <li>Groovy ({@code groovy}): one class loader per program version, shared by the stations
 *     running it and closed with the last; compile-time guard rails (not a security boundary,
 *     see {@code ProgramChecks}).</li>
 * <li>JavaScript ({@code js}): GraalJS with one shared {@code Engine}, a {@code Context} per
 *     loaded program, no host access beyond proxies, no class lookup, IO, threads, processes or
 *     native code; strict mode. It runs on Truffle's optimizing runtime when the launcher's
 *     JVMCI flags (jvm.options) and the Graal compiler jars match the JDK.</li>
 * </ul>
 */
package org.stationd.script;

package org.stationd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./stationd <command>}: the one entry point for operators and volunteers. */
@Command(name = "stationd",
        mixinStandardHelpOptions = true,
        version = "stationd 0.1.0",
        description = "Community radio stations over phone lines, on FreeSWITCH.",
        footer = {"", "The launcher's own commands:",
                "  test          Run the whole test suite, exactly as CI does.",
                "  bench         Measure the performance figures (docs/performance.md); bench jmh runs the JMH benchmarks.",
                "  build         Build the project now (run and the others build when a source changed).",
                "",
                "./stationd COMMAND --help tells more about each."},
        subcommands = {RunCli.class, CheckCli.class, ControlCli.Status.class, ControlCli.Swap.class, ControlCli.Reload.class,
                ControlCli.Schedule.class, CallCli.class, KeysCli.class, ReplayCli.class, EventLogCli.class, TestProgramCli.class, SimCli.class, EslCli.class, MediaCli.class, JsSelfTest.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

package org.stationd.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stationd.esl.tool.EslDecodeTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./stationd esl …}: tools for looking at Event Socket traffic. */
@Command(name = "esl", description = "Event Socket tools.", subcommands = {EslCli.Decode.class}, mixinStandardHelpOptions = true)
final class EslCli implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = {"Decode an ESL byte stream, or a JSONL capture's recv side, to one JSON object per frame.",
                    "Exit code 0 when the stream is well formed; otherwise the byte offset of the fault is printed."})
    static final class Decode implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "raw ESL bytes or a capture (.jsonl)")
        Path file;

        @Override
        public Integer call() {
            return EslDecodeTool.run(file, System.out, System.err);
        }
    }
}

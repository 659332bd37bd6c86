package org.stationd.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stationd.media.MediaGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./stationd media}: writes the programs' prompts and music from programs/media/prompts.yaml. */
@Command(name = "media", mixinStandardHelpOptions = true,
        description = "Generate the programs' media (8 kHz WAVs) from programs/media/prompts.yaml.")
final class MediaCli implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "programs/media", description = "media folder (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--force", description = "rewrite files that are up to date")
    boolean force;

    @Override
    public Integer call() throws Exception {
        MediaGenerator gen = new MediaGenerator(dir);
        List<Path> written = gen.generate(force);
        System.out.println("media: " + written.size() + " file(s) written in " + dir
                + (gen.speaks() ? " (speech by espeak-ng)" : " (espeak-ng not found: speech prompts are tones of the same length)"));
        return 0;
    }
}

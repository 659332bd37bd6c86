package org.stationd.testing;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a program test a bench of its own: a {@link Show.Builder} parameter in a fresh folder.
 * After the test every show the bench started is closed (stations off air, the switch stopped),
 * and the folder is deleted -- unless the test failed: then it is kept, with its event log, and
 * its place is printed and published as the report entry {@code stationd.bench}.
 *
 * <pre>{@code
 * @ProgramTest
 * class PlaylistShowTest {
 *     @Test
 *     void airsTheJingleFirst(Show.Builder bench) throws Exception {
 *         Show show = bench.program(Show.programFile("playlist.groovy")).media("jingle.wav", 0.3)
 *                 .station("kla", s -> s.program("playlist.groovy").transmitter("user/3001").settings("{ jingle: jingle.wav }"))
 *                 .start();
 *         show.await("jingle", () -> show.aired("kla").contains("jingle.wav"));
 *     }
 * }
 * }</pre>
 */
public final class ShowExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ShowExtension.class);
    private static final String BENCHES = "benches";

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) throws ParameterResolutionException {
        return p.getParameter().getType() == Show.Builder.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) throws ParameterResolutionException {
        try {
            Path dir = Files.createTempDirectory("stationd-show-");
            Show.Builder bench = Show.in(dir);
            benches(c).add(bench);
            return bench;
        } catch (IOException e) {
            throw new ParameterResolutionException("cannot make a folder for the show: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Show.Builder> benches(ExtensionContext c) {
        return (List<Show.Builder>) c.getStore(NS).getOrComputeIfAbsent(BENCHES, k -> new ArrayList<Show.Builder>());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext c) throws Exception {
        List<Show.Builder> benches = (List<Show.Builder>) c.getStore(NS).remove(BENCHES);
        if (benches == null) return;
        Exception first = null;
        for (Show.Builder b : benches) {
            try {
                b.closeStarted();
            } catch (Exception e) {
                if (first == null) first = e; else first.addSuppressed(e);
            }
            if (c.getExecutionException().isPresent() || first != null) {
                System.err.println("stationd: the show's folder is kept for a look: " + b.dir());
                c.publishReportEntry("stationd.bench", b.dir().toString());
            } else {
                delete(b.dir());
            }
        }
        if (first != null) throw first;
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) throw e;
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

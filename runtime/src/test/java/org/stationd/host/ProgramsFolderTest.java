package org.stationd.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operators name programs in the programs folder and nothing else. */
class ProgramsFolderTest {
    @TempDir
    Path dir;

    private String refused(Path programs, String name) {
        return assertThrows(IllegalArgumentException.class, () -> ProgramsFolder.resolve(programs, name)).getMessage();
    }

    @Test
    void onlyFilesInTheProgramsFolder() throws Exception {
        Path programs = Files.createDirectories(dir.resolve("programs"));
        Files.writeString(programs.resolve("show.groovy"), "program { state('a') {} }");
        Files.createDirectories(programs.resolve("late"));
        Files.writeString(programs.resolve("late/night.js"), "program({})");
        Files.writeString(dir.resolve("x.groovy"), "program { state('a') {} }");
        Files.createSymbolicLink(programs.resolve("out.groovy"), dir.resolve("x.groovy"));
        Files.createSymbolicLink(programs.resolve("alias.groovy"), programs.resolve("show.groovy"));

        assertEquals(programs.resolve("show.groovy"), ProgramsFolder.resolve(programs, "show.groovy"));
        assertEquals(programs.resolve("late/night.js"), ProgramsFolder.resolve(programs, "late/night.js"));
        assertEquals(programs.resolve("alias.groovy"), ProgramsFolder.resolve(programs, "alias.groovy"));

        // outside the folder reads as missing, whether the file exists there or not
        assertTrue(refused(programs, "../x.groovy").startsWith("no program named '../x.groovy' in the programs folder (give a program's name"));
        assertEquals(refused(programs, "../x.groovy").replace("x.groovy", "y"), refused(programs, "../nothing.groovy").replace("nothing.groovy", "y"));
        assertTrue(refused(programs, "late/../../x.groovy").startsWith("no program named"));
        assertTrue(refused(programs, dir.resolve("x.groovy").toString()).startsWith("no program named"));
        assertTrue(refused(programs, "/etc/passwd").startsWith("no program named '/etc/passwd'"));
        assertTrue(refused(programs, "..").startsWith("no program named '..'"));
        assertTrue(refused(programs, "out.groovy").startsWith("'out.groovy' links to a file outside the programs folder"));
        assertEquals("no program named 'nope.js' in the programs folder", refused(programs, "nope.js"));
        assertTrue(refused(programs, "late").startsWith("no program named 'late'"));
        assertTrue(refused(programs, " ").startsWith("name a program"));
        assertTrue(refused(programs, "a\u0000b").startsWith("no program named"));
    }
}

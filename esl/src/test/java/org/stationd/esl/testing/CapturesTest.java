package org.stationd.esl.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapturesTest {

    @Test
    void missingCapturesFailLoudly(@TempDir Path empty) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Captures.locate(empty.resolve("nowhere").toString(), null, empty.resolve("a/b")));
        assertTrue(e.getMessage().contains(Captures.DIR_PROPERTY), e.getMessage());
        assertTrue(e.getMessage().contains(empty.resolve("nowhere").toString()), e.getMessage());
    }

    @Test
    void searchesParentsOfTheWorkingDirectory(@TempDir Path root) throws IOException {
        Path captures = Files.createDirectories(root.resolve("shared/esl-captures"));
        Path module = Files.createDirectories(root.resolve("wt/esl"));
        assertEquals(captures, Captures.locate(null, null, module));
        assertEquals(captures, Captures.locate(root.resolve("wrong").toString(), null, module));
        assertEquals(module, Captures.locate(module.toString(), null, root));
        assertEquals(captures, Captures.locate(null, root.resolve("wt").toString(), Path.of("/")));
    }

    @Test
    void loadsRecordsAndJoinsTheReceivedStream() throws IOException {
        List<Captures.Record> records = Captures.load("02");
        assertEquals(List.of("recv", "send", "recv", "recv"), records.stream().map(Captures.Record::dir).toList());
        assertEquals("auth WrongPassword\n\n", records.get(1).raw());
        assertTrue(records.get(0).t() > 0 && records.get(0).t() <= records.get(3).t());

        // joined by hand from the file's text, without Jackson
        StringBuilder expected = new StringBuilder();
        for (String line : Files.readAllLines(Captures.file("02_auth_fail.jsonl"), StandardCharsets.UTF_8)) {
            if (line.contains("\"dir\": \"recv\"")) {
                String raw = line.substring(line.indexOf("\"raw\": \"") + 8, line.lastIndexOf('"'));
                expected.append(raw.replace("\\n", "\n"));
            }
        }
        assertArrayEquals(expected.toString().getBytes(StandardCharsets.UTF_8), Captures.recvStream("02"));
        assertEquals(Captures.file("02"), Captures.file("02_auth_fail.jsonl"));
        assertThrows(IllegalStateException.class, () -> Captures.file("99"));
    }
}

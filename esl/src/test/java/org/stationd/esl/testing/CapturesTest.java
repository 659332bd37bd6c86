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
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Shared.find(Captures.DIR_PROPERTY,
                empty.resolve("nowhere").toString(), List.of(empty.resolve("checkout").toString()), "esl-captures", Files::isDirectory));
        assertTrue(e.getMessage().contains(Captures.DIR_PROPERTY), e.getMessage());
        assertTrue(e.getMessage().contains(empty.resolve("nowhere").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(empty.resolve("shared/esl-captures").toString()), e.getMessage());
    }

    @Test
    void looksBesideTheCheckoutOnlyNeverAboveTheWorkingDirectory(@TempDir Path root) throws IOException {
        Path captures = Files.createDirectories(root.resolve("shared/esl-captures"));
        Path checkout = Files.createDirectories(root.resolve("wt"));
        assertEquals(captures, Shared.find("p", null, List.of(checkout.toString()), "esl-captures", Files::isDirectory));
        assertEquals(captures, Shared.find("p", root.resolve("wrong").toString(), List.of(checkout.toString()), "esl-captures", Files::isDirectory));
        assertEquals(checkout, Shared.find("p", checkout.toString(), List.of(root.toString()), "esl-captures", Files::isDirectory));
        // a checkout nested deeper does not find it by walking up
        Path nested = Files.createDirectories(root.resolve("wt/esl/module"));
        assertThrows(IllegalStateException.class, () -> Shared.find("p", null, List.of(nested.toString()), "esl-captures", Files::isDirectory));
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

package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TerminalChooserTest {
    private static final List<String> CANDIDATES = List.of("quay.io/app:latest", "docker.io/library/app:latest");
    final StringWriter screen = new StringWriter();

    private Optional<String> answer(String typed) {
        return new TerminalChooser(new BufferedReader(new StringReader(typed)), new PrintWriter(screen)).choose("app", CANDIDATES);
    }

    @Test
    void theNumberTypedChoosesAndWrongAnswersAreAskedAgain() {
        assertEquals(Optional.of("docker.io/library/app:latest"), answer("x\n7\n2\n"));
        assertTrue(screen.toString().contains("? Please select an image for \"app\":"), screen.toString());
        assertTrue(screen.toString().contains("    1) quay.io/app:latest"), screen.toString());
        assertEquals(3, screen.toString().split("Enter a number \\[1-2\\]", -1).length - 1, screen.toString());
    }

    @Test
    void endOfInputOrThreeWrongAnswersChooseNothing() {
        assertEquals(Optional.empty(), answer(""));
        assertEquals(Optional.empty(), answer("0\n3\nno\n1\n"));
    }
}

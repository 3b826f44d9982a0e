package io.jpod.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConmonTest {
    @Test
    void takesTheMessageOutOfTheRuntimesLogLine() {
        String why = "time=\"2024-05-01T10:00:00Z\" level=error msg=\"runc create failed: unable to start container process: "
                + "exec: \\\"nosuch\\\": executable file not found in $PATH\"";
        assertEquals("runc create failed: unable to start container process: exec: \"nosuch\": executable file not found in $PATH",
                Conmon.clean(why));
    }

    @Test
    void usesTheLastLine() {
        String why = "time=\"a\" level=warning msg=\"first\"\ntime=\"b\" level=error msg=\"second\"\n";
        assertEquals("second", Conmon.clean(why));
    }

    @Test
    void unescapesBackslashesTabsAndNewlines() {
        assertEquals("a\\b\tc\nd", Conmon.clean("level=error msg=\"a\\\\b\\tc\\nd\""));
    }

    @Test
    void plainTextIsKept() {
        assertEquals("something went wrong", Conmon.clean("  something went wrong \n"));
        assertEquals("", Conmon.clean(""));
    }
}

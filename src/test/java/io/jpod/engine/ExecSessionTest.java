package io.jpod.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ExecSessionTest {
    @Test
    void executableNotFound() {
        String line = "time=\"2024-05-01T10:00:00Z\" level=error msg=\"exec failed: unable to start container process: "
                + "exec: \\\"nosuch\\\": executable file not found in $PATH\"";
        assertEquals("exec: \"nosuch\": executable file not found in $PATH", ExecSession.runtimeError(line));
    }

    @Test
    void findsTheErrorAmongOtherLines() {
        String text = "some output of the process\n"
                + "time=\"2024-05-01T10:00:00Z\" level=warning msg=\"something\"\n"
                + "time=\"2024-05-01T10:00:00Z\" level=error msg=\"exec failed: unable to start container process: "
                + "chdir to cwd (\\\"/nope\\\") set in config.json failed: no such file or directory\"\n";
        assertEquals("chdir to cwd (\"/nope\") set in config.json failed: no such file or directory", ExecSession.runtimeError(text));
    }

    @Test
    void otherTextIsNotARuntimeError() {
        assertNull(ExecSession.runtimeError(""));
        assertNull(ExecSession.runtimeError("sh: nosuch: not found"));
        assertNull(ExecSession.runtimeError("exec failed: printed by the process itself"));
        assertNull(ExecSession.runtimeError("time=\"x\" level=warning msg=\"exec failed: not an error\""));
        assertNull(ExecSession.runtimeError("time=\"x\" level=error msg=\"container not running\""));
    }
}

package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpod.error.AuthenticationException;
import io.jpod.error.ConflictException;
import io.jpod.error.NotFoundException;
import io.jpod.error.RuntimeFailureException;
import io.jpod.image.ImageInUseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI's words for the engine's errors: the engine says what was at fault, the CLI what to do about it. */
class ErrorReporterTest {
    @Test
    void aPodNameInUseSaysToReplace() {
        assertEquals("pod web already exists (use --replace to replace it)",
                ErrorReporter.message(new ConflictException("pod", "web", ConflictException.Reason.EXISTS, "pod web already exists")));
    }

    @Test
    void aRunningPodSaysToStopOrForce() {
        assertEquals("pod web has running containers: stop it first or use -f", ErrorReporter.message(
                new ConflictException("pod", "web", ConflictException.Reason.RUNNING, "pod web has running containers")));
    }

    @Test
    void otherConflictsGetNoAdvice() {
        assertEquals("volume with name v already exists: volume already exists",
                ErrorReporter.message(new ConflictException("v", "volume with name v already exists: volume already exists")));
    }

    @Test
    void anImageInUseSaysToRemoveTheContainersOrForce() {
        assertEquals("image used by containers a (1), b (2): image is in use by a container: remove the containers first, "
                + "or force-remove the image with them (rmi -f)", ErrorReporter.message(new ImageInUseException("abc", List.of("a (1)", "b (2)"))));
        assertEquals("image used by container a (1): image is in use by a container: remove the container first, "
                + "or force-remove the image with them (rmi -f)", ErrorReporter.message(new ImageInUseException("abc", List.of("a (1)"))));
    }

    @Test
    void anonymousAccessRefusedSaysToLogIn() {
        assertEquals("checking blob sha256:a in r:5000/x: authentication required (log in with: jpod login r:5000)",
                ErrorReporter.message(new AuthenticationException("r:5000/x", "r:5000", true, "checking blob sha256:a in r:5000/x: authentication required")));
        assertEquals("x: authentication required (the credentials were refused)",
                ErrorReporter.message(new AuthenticationException("x", "r:5000", false, "x: authentication required (the credentials were refused)")));
    }

    @Test
    void aWrappedErrorGetsTheAdviceOfWhatItWraps() {
        var auth = new AuthenticationException("r:5000/x", "r:5000", true, "reading manifest 1 in r:5000/x: authentication required");
        assertEquals("container app of pod web: reading manifest 1 in r:5000/x: authentication required (log in with: jpod login r:5000)",
                ErrorReporter.message(new RuntimeFailureException("web-app", "container app of pod web: " + auth.getMessage(), auth)));
    }

    @Test
    void rmiHasPodmansExitCodes() {
        assertEquals(1, ErrorReporter.exitCode(new NotFoundException("image", "x"), "rmi"));
        assertEquals(2, ErrorReporter.exitCode(new ImageInUseException("abc", List.of()), "rmi"));
        assertEquals(125, ErrorReporter.exitCode(new ConflictException("x", "ambiguous"), "rmi"));
        assertEquals(125, ErrorReporter.exitCode(new NotFoundException("image", "x"), "inspect"));
    }
}

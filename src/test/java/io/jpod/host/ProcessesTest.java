package io.jpod.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessesTest {
    @Test
    void aZombieHasFinished() {
        assertTrue(Processes.running("1234 (slirp4netns) S 1 1234 1234 0 -1"));
        assertTrue(Processes.running("1234 (a (b) c) R 1 1234"), "the command name may hold parentheses and spaces");
        assertFalse(Processes.running("1234 (slirp4netns) Z 1 1234 1234 0 -1"));
        assertFalse(Processes.running("1234 (x) X 1"));
        assertFalse(Processes.running("garbage"));
    }

    @Test
    void anInterruptedThreadSleepsWholeAndKeepsItsInterruption() {
        Thread.currentThread().interrupt(); // a served command stopped by Ctrl-C, in a polling loop
        long start = System.nanoTime();
        Processes.sleep(100);
        long slept = System.nanoTime() - start;
        assertTrue(Thread.interrupted(), "the interruption is kept for the caller");
        assertTrue(slept >= java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100), "slept " + slept + " ns, not at once: a loop would spin");
    }

    @Test
    void thisProcessRunsAndNoProcessZeroDoes() {
        assertTrue(Processes.running(ProcessHandle.current().pid()));
        assertFalse(Processes.running(0));
        assertFalse(Processes.running(-5));
    }

    private static String status(String nsPid, String ignored, String caught) {
        return "Name:\tsh\nNSpid:\t" + nsPid + "\nSigQ:\t0/95365\nSigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\n"
                + "SigBlk:\t0000000000000000\nSigIgn:\t" + ignored + "\nSigCgt:\t" + caught + "\nCapInh:\t0\n";
    }

    @Test
    void aNamespaceInitWithTheDefaultActionNeverSeesTheSignal() {
        String none = "0000000000000000";
        assertTrue(Processes.discards(status("4242\t1", none, none), 15), "PID 1 of its namespace, SIGTERM left at its default");
        assertFalse(Processes.discards(status("4242\t1", none, "0000000000004000"), 15), "a TERM handler (bit 15) gets it");
        assertFalse(Processes.discards(status("4242\t1", "0000000000004000", none), 15), "an ignored TERM is the container's choice");
        assertTrue(Processes.discards(status("4242\t1", none, "0000000000004000"), 3), "SIGQUIT has no handler there");
        assertFalse(Processes.discards(status("4242", none, none), 15), "not a namespace's init: the default action applies");
        assertFalse(Processes.discards(status("4242\t17", none, none), 15), "not its namespace's PID 1");
        assertFalse(Processes.discards(status("4242\t1", none, none), 9), "SIGKILL always goes through");
        assertFalse(Processes.discards("garbage", 15));
    }

    @Test
    void thisProcessIsNoNamespaceInit() {
        assertFalse(Processes.discards(ProcessHandle.current().pid(), 15));
        assertFalse(Processes.discards(0, 15));
    }
}

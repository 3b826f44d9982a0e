package io.jpod.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PullPolicyTest {
    @Test
    void defaultIsAlwaysForLatestOrUntagged() {
        assertEquals(PullPolicy.ALWAYS, PullPolicy.defaultFor("nginx"));
        assertEquals(PullPolicy.ALWAYS, PullPolicy.defaultFor("nginx:latest"));
        assertEquals(PullPolicy.ALWAYS, PullPolicy.defaultFor("127.0.0.1:5000/test/busybox"));
        assertEquals(PullPolicy.IF_NOT_PRESENT, PullPolicy.defaultFor("nginx:1.25"));
        assertEquals(PullPolicy.IF_NOT_PRESENT, PullPolicy.defaultFor("127.0.0.1:5000/test/busybox:v1"));
        assertEquals(PullPolicy.IF_NOT_PRESENT, PullPolicy.defaultFor("nginx@sha256:" + "a".repeat(64)));
    }

    @Test
    void parsesYamlNames() {
        assertEquals(PullPolicy.NEVER, PullPolicy.parse("Never", "f:1:1", "p"));
        assertEquals(PullPolicy.IF_NOT_PRESENT, PullPolicy.parse("IfNotPresent", "f:1:1", "p"));
        io.jpod.error.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(io.jpod.error.InvalidInputException.class,
                () -> PullPolicy.parse("always", "f:1:1", "p"));
        assertEquals("f:1:1: p: unsupported imagePullPolicy \"always\": must be one of Always, IfNotPresent, Never", e.getMessage());
    }

    @Test
    void containerUsesItsOwnPolicyElseTheDefault() {
        ContainerSpec c = ContainerSpec.builder("a", "x:1").build();
        assertEquals(PullPolicy.IF_NOT_PRESENT, c.effectivePullPolicy());
        assertEquals(PullPolicy.NEVER, ContainerSpec.builder("a", "x").pullPolicy(PullPolicy.NEVER).build().effectivePullPolicy());
    }
}

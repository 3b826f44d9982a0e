package io.jpod.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShownTest {
    @Test
    void aShortValueIsShownWholeALongOneByItsStartAndLength() {
        assertEquals("busybox", Shown.value("busybox"));
        assertEquals("x".repeat(100), Shown.value("x".repeat(100)));
        assertEquals("x".repeat(60) + "…(5000 characters)", Shown.value("x".repeat(5000)));
        assertEquals(null, Shown.value(null));
    }
}

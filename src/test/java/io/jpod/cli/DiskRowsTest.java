package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DiskRowsTest {
    @Test
    void reclaimableIsTheBytesAndTheirRoundedShare() {
        assertEquals("2.141MB (100%)", DiskRows.reclaimable(2_140_800, 2_140_800));
        assertEquals("0B (0%)", DiskRows.reclaimable(0, 0));
        assertEquals("1kB (33%)", DiskRows.reclaimable(1000, 3000));
    }
}

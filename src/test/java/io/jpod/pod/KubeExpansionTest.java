package io.jpod.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeExpansionTest {
    private static final Map<String, String> VARS = Map.of("A", "alpha", "B", "b", "EMPTY", "", "REF", "$(A)");

    private static String x(String s) {
        return KubeExpansion.expand(s, VARS);
    }

    @Test
    void definedVariablesAreReplaced() {
        assertEquals("alpha", x("$(A)"));
        assertEquals("[alpha/b]", x("[$(A)/$(B)]"));
        assertEquals("alphab", x("$(A)$(B)"));
        assertEquals("xy", x("x$(EMPTY)y"));
    }

    @Test
    void undefinedVariablesAreLeftAsWritten() {
        assertEquals("$(NOPE)", x("$(NOPE)"));
        assertEquals("a $(NOPE) alpha", x("a $(NOPE) $(A)"));
    }

    @Test
    void doubleDollarEscapes() {
        assertEquals("$(A)", x("$$(A)"));
        assertEquals("$", x("$$"));
        assertEquals("$$", x("$$$$"));
        assertEquals("$alpha", x("$$$(A)"));
        assertEquals("cost: $5", x("cost: $$5"));
    }

    @Test
    void otherDollarsAreKept() {
        assertEquals("$", x("$"));
        assertEquals("a$", x("a$"));
        assertEquals("$A", x("$A"));
        assertEquals("${A}", x("${A}"));
        assertEquals("$(A", x("$(A"));
        assertEquals("plain", x("plain"));
    }

    @Test
    void valuesAreNotExpandedAgain() {
        assertEquals("$(A)", x("$(REF)"));
    }
}

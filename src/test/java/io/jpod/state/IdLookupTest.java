package io.jpod.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jpod.error.ConflictException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdLookupTest {
    record Obj(String id, String name) {
    }

    private static final Obj A = new Obj("abc123" + "0".repeat(58), "web");
    private static final Obj B = new Obj("abd456" + "0".repeat(58), "abc");
    private static final Obj C = new Obj("ffff00" + "0".repeat(58), "db");
    private static final List<Obj> ALL = List.of(A, B, C);

    private static Optional<Obj> find(String key) {
        return IdLookup.find(ALL, key, Obj::id, Obj::name);
    }

    @Test
    void exactNameOrId() {
        assertEquals(Optional.of(A), find("web"));
        assertEquals(Optional.of(C), find(C.id()));
    }

    @Test
    void anExactNameWinsOverAnIdPrefix() {
        // "abc" is B's name and a prefix of A's id
        assertEquals(Optional.of(B), find("abc"));
    }

    @Test
    void uniquePrefix() {
        assertEquals(Optional.of(A), find("abc1"));
        assertEquals(Optional.of(C), find("f"));
    }

    @Test
    void ambiguousPrefixIsAConflict() {
        ConflictException e = assertThrows(ConflictException.class, () -> find("ab"));
        assertEquals("ab", e.name());
    }

    @Test
    void onlyLowerCaseHexIsAPrefix() {
        assertEquals(Optional.empty(), find("ABC1"));
        assertEquals(Optional.empty(), find("zz"));
        assertEquals(Optional.empty(), find("abc1-"));
    }

    @Test
    void nothingFound() {
        assertEquals(Optional.empty(), find("0"));
        assertEquals(Optional.empty(), IdLookup.find(List.<Obj>of(), "abc", Obj::id, Obj::name));
    }
}

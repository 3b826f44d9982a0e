package io.jpod.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplicaNamesTest {
    private static final String HASH = "65bb57b6b5";

    @Test
    void theHashIsFnv1aOfTheUtf8BytesItsDecimalDigitsInTheSafeAlphabet() {
        // FNV-1a 32 of "" is the offset basis 2166136261, of "a" 0xe40c292c = 3826002220
        assertEquals("65bb57b6b5", ReplicaNames.templateHash(""));
        assertEquals("7d6b446664", ReplicaNames.templateHash("a"));
        // of "foobar" 0xbf9cf968 = 3214735720
        assertEquals("7658c79c64", ReplicaNames.templateHash("foobar"));
    }

    @Test
    void theHashIsStableShortAndDiffersWithTheTemplate() {
        String json = "{\"containers\":[{\"image\":\"nginx:1.25\",\"name\":\"web\"}]}";
        String other = "{\"containers\":[{\"image\":\"nginx:1.26\",\"name\":\"web\"}]}";
        assertEquals(ReplicaNames.templateHash(json), ReplicaNames.templateHash(json));
        assertNotEquals(ReplicaNames.templateHash(json), ReplicaNames.templateHash(other));
        assertNotEquals(ReplicaNames.templateHash("e"), ReplicaNames.templateHash("é"));
        for (String s : List.of("", "a", json, other, "x".repeat(10_000), "日本語")) {
            String h = ReplicaNames.templateHash(s);
            assertTrue(!h.isEmpty() && h.length() <= 10, h);
            assertTrue(inAlphabet(h), h);
        }
    }

    @Test
    void theSuffixIsFiveCharactersDrawnFromTheAlphabet() {
        List<Integer> bounds = new ArrayList<>();
        assertEquals("bbbbb", ReplicaNames.suffix(bound -> {
            bounds.add(bound);
            return 0;
        }));
        assertEquals(List.of(27, 27, 27, 27, 27), bounds);
        assertEquals("99999", ReplicaNames.suffix(bound -> bound - 1));
        int[] next = {0};
        assertEquals("bcdfg", ReplicaNames.suffix(bound -> next[0]++));
        Random random = new Random(42);
        for (int i = 0; i < 100; i++) {
            String s = ReplicaNames.suffix(random::nextInt);
            assertEquals(5, s.length());
            assertTrue(inAlphabet(s), s);
        }
    }

    @Test
    void theAlphabetHasNoVowelsNorZeroOneOrThree() {
        assertEquals(27, ReplicaNames.ALPHABET.length());
        for (char c : "aeiou013".toCharArray()) {
            assertFalse(ReplicaNames.ALPHABET.indexOf(c) >= 0, String.valueOf(c));
        }
    }

    @Test
    void podNamesJoinTheWorkloadNameAndTheParts() {
        assertEquals("web-" + HASH + "-bcdfg", ReplicaNames.podName("web", HASH, "bcdfg"));
        assertEquals("agent-x7k2q", ReplicaNames.podName("agent", "x7k2q"));
        assertEquals("batch-2-x7k2q", ReplicaNames.podName("batch", "2", "x7k2q"));
        assertEquals("solo", ReplicaNames.podName("solo"));
    }

    @Test
    void aLongNameIsCutSoThePodNameIsAtMost63Characters() {
        String name = "a".repeat(70);
        String pod = ReplicaNames.podName(name, HASH, "bcdfg");
        assertEquals(63, pod.length());
        assertEquals("a".repeat(63 - 17) + "-" + HASH + "-bcdfg", pod);
        assertEquals(63, ReplicaNames.podName(name, "bcdfg").length());
        assertTrue(ReplicaNames.podName(name, "12", "bcdfg").endsWith("a-12-bcdfg"));
        String exact = "b".repeat(57);
        assertEquals(exact + "-bcdfg", ReplicaNames.podName(exact, "bcdfg"));
    }

    @Test
    void aCutNameNeverEndsWithADashOrADot() {
        String name = "b".repeat(55) + "-.-x" + "c".repeat(10);
        // 57 characters of room before "-bcdfg": the cut ends in "-.", both dropped
        String pod = ReplicaNames.podName(name, "bcdfg");
        assertEquals("b".repeat(55) + "-bcdfg", pod);
        String dotted = "c".repeat(56) + ".d";
        assertEquals("c".repeat(56) + "-bcdfg", ReplicaNames.podName(dotted + "ddd", "bcdfg"));
    }

    private static boolean inAlphabet(String s) {
        return s.chars().allMatch(c -> ReplicaNames.ALPHABET.indexOf(c) >= 0);
    }
}

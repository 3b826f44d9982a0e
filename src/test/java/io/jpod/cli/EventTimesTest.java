package io.jpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventTimesTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant since(String text) {
        return EventTimes.parse("--since", text, NOW, BERLIN);
    }

    @Test
    void readsRfc3339WithOrWithoutFractionAndZone() {
        assertEquals(Instant.parse("2026-12-06T11:00:00Z"), since("2026-12-06T12:00:00+01:00"));
        assertEquals(Instant.parse("2026-12-06T11:00:00.123456789Z"), since("2026-12-06T11:00:00.123456789Z"));
        assertEquals(Instant.parse("2026-12-06T10:30:00Z"), since("2026-12-06T11:30:00"), "no zone: the local one");
        assertEquals(Instant.parse("2026-12-05T23:00:00Z"), since("2026-12-06"), "a date: its start, locally");
        assertEquals(Instant.parse("2026-12-06T00:00:00Z"), since("2026-12-06Z"));
    }

    @Test
    void readsUnixSecondsWithAFraction() {
        assertEquals(Instant.ofEpochSecond(1_700_000_000), since("1700000000"));
        assertEquals(Instant.ofEpochSecond(1_700_000_000, 500_000_000), since("1700000000.5"));
        assertEquals(Instant.ofEpochSecond(1_700_000_000, 123_456_789), since("1700000000.123456789"));
    }

    @Test
    void aDurationIsAgoForSinceAndAheadForUntil() {
        assertEquals(NOW.minusSeconds(600), since("10m"));
        assertEquals(NOW.minusSeconds(5400), since("1h30m"));
        assertEquals(NOW.minusMillis(500), since("500ms"));
        assertEquals(NOW.plusSeconds(10), EventTimes.parse("--until", "10s", NOW, BERLIN));
    }

    @Test
    void anythingElseIsAnErrorNamingTheFlag() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> since("yesterday"));
        assertTrue(e.getMessage().contains("--since yesterday") || e.toString().contains("--since yesterday"), e::toString);
        assertThrows(InvalidInputException.class, () -> since("10 minutes"));
    }

    @Test
    void printsTimesAsGoDoes() {
        assertEquals("2026-12-06 12:00:00.123456789 +0000 UTC",
                EventTimes.goTime(Instant.parse("2026-12-06T12:00:00.123456789Z"), ZoneOffset.UTC));
        assertEquals("2026-12-06 12:00:00.5 +0000 UTC", EventTimes.goTime(Instant.parse("2026-12-06T12:00:00.5Z"), ZoneId.of("UTC")));
        assertEquals("2026-12-06 13:00:00 +0100 CET", EventTimes.goTime(NOW, BERLIN));
    }
}

package io.jpod.autoupdate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpod.error.InvalidInputException;
import java.time.Instant;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    @Test
    void theNextRunIsTheFirstFiringAfterTheLastRun() {
        CronSchedule every15 = CronSchedule.parse("0 0/15 * * * ?", UTC);
        assertEquals(Optional.of(Instant.parse("2026-12-07T10:15:00Z")), every15.nextAfter(Instant.parse("2026-12-07T10:03:10Z")));
        CronSchedule nightly = CronSchedule.parse("0 0 3 * * ?", UTC);
        assertEquals(Optional.of(Instant.parse("2026-12-08T03:00:00Z")), nightly.nextAfter(Instant.parse("2026-12-07T03:00:00Z")));
    }

    @Test
    void aMachineThatSleptThroughManyFiringsRunsOnceThenGoesOnFromThen() {
        CronSchedule every15 = CronSchedule.parse("0 0/15 * * * ?", UTC);
        Instant lastRun = Instant.parse("2026-12-07T01:00:00Z");
        Instant woke = Instant.parse("2026-12-07T09:07:00Z");
        Instant due = every15.nextAfter(lastRun).orElseThrow();
        assertTrue(due.isBefore(woke), "one run is due at once");
        assertEquals(Instant.parse("2026-12-07T09:15:00Z"), every15.nextAfter(woke).orElseThrow(), "then the schedule goes on");
    }

    @Test
    void aBadExpressionNamesWhatIsWrongAndWhere() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CronSchedule.parse("0 0 25 * * ?", UTC));
        assertTrue(e.getMessage().startsWith("invalid cron expression \"0 0 25 * * ?\": "), e.getMessage());
        assertTrue(e.getMessage().contains("(at position 5, the hours field \"25\")"), e.getMessage());
        InvalidInputException seconds = assertThrows(InvalidInputException.class, () -> CronSchedule.parse("61 0 3 * * ?", UTC));
        assertTrue(seconds.getMessage().contains("at position 1, the seconds field"), seconds.getMessage());
        InvalidInputException minutes = assertThrows(InvalidInputException.class, () -> CronSchedule.parse("0 75 3 * * ?", UTC));
        assertTrue(minutes.getMessage().contains("at position 3, the minutes field \"75\""), minutes.getMessage());
        InvalidInputException fields = assertThrows(InvalidInputException.class, () -> CronSchedule.parse("*/5 * * * *", UTC));
        assertTrue(fields.getMessage().contains("seconds minutes hours"), fields.getMessage());
        assertTrue(fields.getMessage().contains("5 fields"), fields.getMessage());
    }

    @Test
    void aScheduleInThePastOnlyNeverFiresAgain() {
        assertEquals(Optional.empty(), CronSchedule.parse("0 0 0 1 1 ? 2020", UTC).nextAfter(Instant.parse("2026-01-01T00:00:00Z")));
    }
}

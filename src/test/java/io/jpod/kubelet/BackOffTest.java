package io.jpod.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackOffTest {
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void theKubeletsScheduleStartsAtOnceThenDoublesFromTenSecondsToFiveMinutes() {
        List<Long> seconds = new ArrayList<>();
        int step = 0;
        for (int i = 0; i < 8; i++) {
            BackOff.Restart r = BackOff.KUBELET.next(step, T0, T0.plusSeconds(1));
            seconds.add(r.delay().toSeconds());
            step = r.nextStep();
        }
        assertEquals(List.of(0L, 10L, 20L, 40L, 80L, 160L, 300L, 300L), seconds);
    }

    @Test
    void aContainerThatRanTenMinutesStartsTheScheduleAgain() {
        BackOff.Restart longRun = BackOff.KUBELET.next(6, T0, T0.plus(Duration.ofMinutes(10)));
        assertEquals(Duration.ZERO, longRun.delay());
        assertEquals(1, longRun.nextStep());
        BackOff.Restart shortRun = BackOff.KUBELET.next(6, T0, T0.plus(Duration.ofMinutes(9)));
        assertEquals(Duration.ofMinutes(5), shortRun.delay());
        assertEquals(7, shortRun.nextStep());
    }

    @Test
    void anUnknownStartCountsAsAShortRun() {
        assertEquals(Duration.ofSeconds(10), BackOff.KUBELET.next(1, null, T0).delay());
    }

    @Test
    void theRestartTimeIsTheDelayAfterTheExit() {
        assertEquals(T0.plusSeconds(20), BackOff.KUBELET.next(2, T0, T0).at(T0));
    }

    @Test
    void shortTimingsScaleTheSameWay() {
        BackOff quick = new BackOff(Duration.ofMillis(500), Duration.ofSeconds(2));
        assertEquals(List.of(0L, 500L, 1000L, 2000L, 2000L),
                List.of(0, 1, 2, 3, 4).stream().map(s -> quick.delay(s).toMillis()).toList());
        assertEquals(Duration.ofSeconds(4), quick.resetAfter());
    }

    @Test
    void hugeStepsStayAtTheMaximum() {
        assertEquals(Duration.ofMinutes(5), BackOff.KUBELET.delay(Integer.MAX_VALUE));
    }

    @Test
    void aMaximumBelowTheStartIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BackOff(Duration.ofSeconds(10), Duration.ofSeconds(1)));
    }

    @Test
    void aPodMayAskForShorterTimingsWithAnnotations() {
        BackOff b = BackOff.of(java.util.Map.of(BackOff.INITIAL_ANNOTATION, "500ms", BackOff.MAX_ANNOTATION, "4s"));
        assertEquals(new BackOff(Duration.ofMillis(500), Duration.ofSeconds(4)), b);
        assertEquals(BackOff.KUBELET, BackOff.of(java.util.Map.of()));
        assertEquals(Duration.ofMinutes(5), BackOff.of(java.util.Map.of(BackOff.INITIAL_ANNOTATION, "1s")).max());
        assertEquals(Duration.ofMinutes(10), BackOff.of(java.util.Map.of(BackOff.INITIAL_ANNOTATION, "10m")).max());
    }

    @Test
    void badAnnotationsAreRefusedNamingTheAnnotation() {
        io.jpod.error.InvalidInputException e = assertThrows(io.jpod.error.InvalidInputException.class,
                () -> BackOff.of(java.util.Map.of(BackOff.INITIAL_ANNOTATION, "soon")));
        assertEquals("metadata.annotations.io.jpod.crashloop/initial", e.where());
        assertThrows(io.jpod.error.InvalidInputException.class,
                () -> BackOff.of(java.util.Map.of(BackOff.INITIAL_ANNOTATION, "10s", BackOff.MAX_ANNOTATION, "1s")));
    }

    @Test
    void goDurationsParseAsKubernetesWritesThem() {
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1.5s"));
        assertEquals(Duration.ofHours(2), GoDuration.parse("2h"));
        assertEquals(null, GoDuration.parse("10"));
        assertEquals(null, GoDuration.parse("s10"));
        assertEquals(null, GoDuration.parse("1s "+"x"));
    }

    @Test
    void goDurationsAreWrittenBackAsGoWritesThem() {
        assertEquals("2m0s", GoDuration.format(Duration.ofMinutes(2)));
        assertEquals("1m30s", GoDuration.format(Duration.ofSeconds(90)));
        assertEquals("1.5s", GoDuration.format(Duration.ofMillis(1500)));
        assertEquals("500ms", GoDuration.format(Duration.ofMillis(500)));
        assertEquals("1h0m5s", GoDuration.format(Duration.ofSeconds(3605)));
        assertEquals("0s", GoDuration.format(Duration.ZERO));
        assertEquals("20.386825206s", GoDuration.format(Duration.ofNanos(20_386_825_206L)));
        assertEquals("12.5µs", GoDuration.format(Duration.ofNanos(12_500)));
        assertEquals("1.000001ms", GoDuration.format(Duration.ofNanos(1_000_001)));
        assertEquals("999ns", GoDuration.format(Duration.ofNanos(999)));
        assertEquals("2h1m0.5s", GoDuration.format(Duration.ofMillis(7_260_500)));
        assertEquals(Duration.ofSeconds(3605), GoDuration.parse(GoDuration.format(Duration.ofSeconds(3605))));
    }
}

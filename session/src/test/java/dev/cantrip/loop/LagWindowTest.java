package dev.cantrip.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** {@link LagWindow}: percentiles over the last minute, within a bin's width, and old seconds forgotten. */
class LagWindowTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_000 * SECOND;

    @Test
    void percentilesAreWithinABinAndNeverAboveTheMaximum() {
        LagWindow w = new LagWindow();
        for (int i = 1; i <= 1_000; i++) {
            w.record(i * 1_000L, T0 + i); // 1 µs .. 1,000 µs
        }
        LagStats s = w.last(T0 + 2 * SECOND);
        assertThat(s.samples()).isEqualTo(1_000);
        assertThat((double) s.p50Nanos()).isCloseTo(500_000, within(500_000 * 0.07));
        assertThat((double) s.p99Nanos()).isCloseTo(990_000, within(990_000 * 0.07));
        assertThat(s.maxNanos()).isEqualTo(1_000_000);
        assertThat(s.p99Nanos()).isLessThanOrEqualTo(s.maxNanos());
    }

    @Test
    void smallLagsAreExact() {
        LagWindow w = new LagWindow();
        for (int i = 0; i < 100; i++) {
            w.record(7_000, T0);
        }
        assertThat(w.last(T0).p99Nanos()).isEqualTo(7_000);
    }

    @Test
    void secondsOlderThanAMinuteAreForgotten() {
        LagWindow w = new LagWindow();
        w.record(50_000_000, T0); // one slow event
        for (int i = 0; i < 100; i++) {
            w.record(1_000, T0 + 30 * SECOND);
        }
        assertThat(w.last(T0 + 59 * SECOND).maxNanos()).isEqualTo(50_000_000);
        LagStats later = w.last(T0 + 61 * SECOND);
        assertThat(later.samples()).isEqualTo(100);
        assertThat(later.maxNanos()).isEqualTo(1_000);
        assertThat(w.last(T0 + 200 * SECOND).samples()).isZero();
    }

    @Test
    void aSlotReusedAMinuteLaterStartsEmpty() {
        LagWindow w = new LagWindow();
        w.record(9_000_000, T0);
        w.record(2_000, T0 + 60 * SECOND); // the same slot of the ring
        LagStats s = w.last(T0 + 60 * SECOND);
        assertThat(s.samples()).isEqualTo(1);
        assertThat(s.maxNanos()).isEqualTo(2_000);
    }

    @Test
    void binsCoverEveryLagInOrder() {
        long previous = -1;
        for (long micros : new long[] {0, 1, 63, 64, 65, 100, 1_000, 65_535, 1_000_000, 3_600_000_000L, Long.MAX_VALUE / 1_000}) {
            int b = LagWindow.bin(micros);
            assertThat(LagWindow.upperMicros(b)).isGreaterThanOrEqualTo(Math.min(micros, LagWindow.upperMicros(b)));
            assertThat((long) b).isGreaterThanOrEqualTo(previous);
            previous = b;
            if (micros < 1L << 40) {
                assertThat(LagWindow.upperMicros(b)).isGreaterThanOrEqualTo(micros);
                assertThat(LagWindow.upperMicros(b)).isLessThanOrEqualTo(Math.max(micros, (long) (micros * 1.07) + 1));
            }
        }
    }
}

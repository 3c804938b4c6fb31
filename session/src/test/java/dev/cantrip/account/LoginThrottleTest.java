package dev.cantrip.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final String HOST = "203.0.113.7";

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(address);
        }
    }

    @Test
    void locksAfterFiveFailuresForAMinute() {
        fail(HOST, 4);
        assertThat(throttle.lockedFor(HOST)).isEmpty();
        fail(HOST, 1);
        assertThat(throttle.lockedFor(HOST)).contains(Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(45));
        assertThat(throttle.lockedFor(HOST)).contains(Duration.ofSeconds(15));
        clock.advance(Duration.ofSeconds(15));
        assertThat(throttle.lockedFor(HOST)).isEmpty();
    }

    @Test
    void onlyFailuresWithinTheWindowCount() {
        for (int i = 0; i < 4; i++) {
            fail(HOST, 1);
            clock.advance(Duration.ofMinutes(1));
        }
        // Failures at 0, 1, 2, 3 minutes; now at 5 minutes the first has left the window.
        clock.advance(Duration.ofMinutes(1));
        fail(HOST, 1);
        assertThat(throttle.lockedFor(HOST)).isEmpty();
        fail(HOST, 1);
        assertThat(throttle.lockedFor(HOST)).isPresent();
    }

    @Test
    void repeatedLocksDoubleUpToFifteenMinutes() {
        List<Duration> locks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fail(HOST, 5);
            Duration lock = throttle.lockedFor(HOST).orElseThrow();
            locks.add(lock);
            clock.advance(lock);
        }
        assertThat(locks).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(8), Duration.ofMinutes(15), Duration.ofMinutes(15));
    }

    @Test
    void aQuietHourResetsTheDoubling() {
        fail(HOST, 5);
        clock.advance(Duration.ofMinutes(1));
        fail(HOST, 5);
        assertThat(throttle.lockedFor(HOST)).contains(Duration.ofMinutes(2));
        clock.advance(Duration.ofHours(1));
        fail(HOST, 5);
        assertThat(throttle.lockedFor(HOST)).contains(Duration.ofMinutes(1));
    }

    @Test
    void failuresWhileLockedDoNotExtendTheLock() {
        fail(HOST, 5);
        clock.advance(Duration.ofSeconds(30));
        fail(HOST, 20);
        assertThat(throttle.lockedFor(HOST)).contains(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        fail(HOST, 4);
        assertThat(throttle.lockedFor(HOST)).isEmpty();
    }

    @Test
    void successClearsFailuresButNotTheDoubling() {
        fail(HOST, 4);
        throttle.recordSuccess(HOST);
        fail(HOST, 4);
        assertThat(throttle.lockedFor(HOST)).isEmpty();

        fail(HOST, 1);
        clock.advance(Duration.ofMinutes(1));
        throttle.recordSuccess(HOST);
        fail(HOST, 5);
        assertThat(throttle.lockedFor(HOST)).contains(Duration.ofMinutes(2));
    }

    @Test
    void addressesAreIndependent() {
        fail(HOST, 5);
        assertThat(throttle.lockedFor("198.51.100.1")).isEmpty();
        throttle.recordSuccess("198.51.100.1");
        assertThat(throttle.lockedFor(HOST)).isPresent();
    }

    @Test
    void forgetsAddressesNothingIsKnownAbout() {
        fail(HOST, 1);
        throttle.recordSuccess(HOST);
        assertThat(throttle.trackedAddresses()).isZero();

        for (int i = 0; i < 50; i++) {
            fail("10.0.0." + i, 1);
        }
        fail(HOST, 5);
        assertThat(throttle.trackedAddresses()).isEqualTo(51);
        clock.advance(Duration.ofHours(1));
        fail("10.9.9.9", 1);
        assertThat(throttle.trackedAddresses()).isEqualTo(1);
    }

    @Test
    void aFloodOfAddressesIsCappedOldestFirst() {
        var settings = new LoginThrottle.Settings(5, Duration.ofMinutes(5), Duration.ofSeconds(60),
                Duration.ofMinutes(15), Duration.ofHours(1), 100);
        var small = new LoginThrottle(clock, settings);
        small.recordFailure("first");
        small.recordFailure("first");
        for (int i = 0; i < 10_000; i++) {
            small.recordFailure("flood-" + i);
        }
        assertThat(small.trackedAddresses()).isEqualTo(100);
        // "first" was dropped, so its two failures are forgotten: three more do not lock it.
        for (int i = 0; i < 3; i++) {
            small.recordFailure("first");
        }
        assertThat(small.lockedFor("first")).isEmpty();
        for (int i = 0; i < 4; i++) {
            small.recordFailure("flood-9999");
        }
        assertThat(small.lockedFor("flood-9999")).isPresent();
    }

    @Test
    void survivesConcurrentUse() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        String address = (i % 3 == 0) ? HOST : "host-" + thread + "-" + i;
                        throttle.recordFailure(address);
                        throttle.lockedFor(address);
                        if (i % 7 == 0) {
                            throttle.recordSuccess(address);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(throttle.trackedAddresses()).isLessThanOrEqualTo(LoginThrottle.Settings.DEFAULTS.maxTracked());
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new LoginThrottle.Settings(0, Duration.ofMinutes(5), Duration.ofSeconds(60),
                Duration.ofMinutes(15), Duration.ofHours(1), 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottle.Settings(5, Duration.ZERO, Duration.ofSeconds(60),
                Duration.ofMinutes(15), Duration.ofHours(1), 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottle.Settings(5, Duration.ofMinutes(5), Duration.ofMinutes(20),
                Duration.ofMinutes(15), Duration.ofHours(1), 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottle(clock).recordFailure(null)).isInstanceOf(NullPointerException.class);
    }
}

package dev.cantrip.account;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Slows password guessing from one remote address. After {@link Settings#maxFailures} failed logins
 * within {@link Settings#window}, the address is locked for {@link Settings#baseLockout}; each
 * further lock doubles that, up to {@link Settings#maxLockout}, until the address has been quiet
 * (no failures) for {@link Settings#quietReset}, which returns it to the base lockout. Failures
 * recorded while locked are not counted: callers should check {@link #lockedFor} before even
 * checking the password.
 *
 * <p>The address is an opaque key; callers may group addresses (for example an IPv6 /64) by
 * passing the group. Memory is bounded: entries are forgotten once nothing about them matters any
 * more, and at most {@link Settings#maxTracked} addresses are remembered, the least recently failing
 * being dropped first. That cap means an attacker with more addresses than the cap can shed a lock
 * by flooding, but such an attacker is not slowed by per-address throttling anyway.
 *
 * <p>Thread-safe; every method holds one lock for a short, bounded time.
 */
public final class LoginThrottle {

    /**
     * How the throttle behaves; see the class description.
     *
     * @param maxFailures failures within the window that trigger a lock, at least 1
     * @param window how long a failure counts, positive
     * @param baseLockout the first lock's length, positive
     * @param maxLockout the longest lock, at least baseLockout
     * @param quietReset time without failures after which locks start again at baseLockout, positive
     * @param maxTracked most addresses remembered, at least 1
     */
    public record Settings(int maxFailures, Duration window, Duration baseLockout, Duration maxLockout,
            Duration quietReset, int maxTracked) {

        /** 5 failures in 5 minutes; locks of 1 minute doubling to 15; reset after 1 quiet hour; 10,000 addresses. */
        public static final Settings DEFAULTS = new Settings(5, Duration.ofMinutes(5), Duration.ofSeconds(60),
                Duration.ofMinutes(15), Duration.ofHours(1), 10_000);

        public Settings {
            if (maxFailures < 1) {
                throw new IllegalArgumentException("maxFailures must be at least 1, got " + maxFailures);
            }
            positive(window, "window");
            positive(baseLockout, "baseLockout");
            positive(maxLockout, "maxLockout");
            positive(quietReset, "quietReset");
            if (maxLockout.compareTo(baseLockout) < 0) {
                throw new IllegalArgumentException("maxLockout must be at least baseLockout");
            }
            if (maxTracked < 1) {
                throw new IllegalArgumentException("maxTracked must be at least 1, got " + maxTracked);
            }
        }

        private static void positive(Duration d, String name) {
            requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
        }
    }

    /** What is remembered about one address. Guarded by the throttle's lock. */
    private static final class Entry {
        final ArrayDeque<Instant> failures = new ArrayDeque<>(); // within the window, oldest first
        Instant lastFailure;
        Instant lockedUntil; // null when never locked
        int locks; // locks since the last quiet reset; decides the next lock's length
    }

    private final InstantSource clock;
    private final Settings settings;
    private final Duration retention;
    // Insertion order, and an address is re-inserted on each failure, so iteration runs from the
    // least recently failing address: the one to evict, and the first to expire.
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    /** A throttle with {@link Settings#DEFAULTS} on the system clock. */
    public LoginThrottle() {
        this(InstantSource.system(), Settings.DEFAULTS);
    }

    /** A throttle with {@link Settings#DEFAULTS} on {@code clock}. */
    public LoginThrottle(InstantSource clock) {
        this(clock, Settings.DEFAULTS);
    }

    /** A throttle with {@code settings} on {@code clock}. */
    public LoginThrottle(InstantSource clock, Settings settings) {
        this.clock = requireNonNull(clock, "clock");
        this.settings = requireNonNull(settings, "settings");
        // After this long without a failure, an unlocked entry holds nothing that still matters.
        this.retention = settings.window().compareTo(settings.quietReset()) > 0 ? settings.window() : settings.quietReset();
    }

    /** How much longer {@code address} is locked out, or empty if it may try to log in. */
    public synchronized Optional<Duration> lockedFor(String address) {
        requireNonNull(address, "address");
        Entry entry = entries.get(address);
        if (entry == null || entry.lockedUntil == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return now.isBefore(entry.lockedUntil) ? Optional.of(Duration.between(now, entry.lockedUntil)) : Optional.empty();
    }

    /** Records a failed login from {@code address}, locking it if that was one failure too many. */
    public synchronized void recordFailure(String address) {
        requireNonNull(address, "address");
        Instant now = clock.instant();
        expire(now);
        Entry entry = entries.remove(address);
        if (entry == null) {
            entry = new Entry();
            if (entries.size() >= settings.maxTracked()) {
                Iterator<String> oldest = entries.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        entries.put(address, entry);
        if (entry.lastFailure != null && !now.isBefore(entry.lastFailure.plus(settings.quietReset()))) {
            entry.locks = 0;
        }
        entry.lastFailure = now;
        if (entry.lockedUntil != null && now.isBefore(entry.lockedUntil)) {
            return;
        }
        Instant windowStart = now.minus(settings.window());
        while (!entry.failures.isEmpty() && !entry.failures.peekFirst().isAfter(windowStart)) {
            entry.failures.removeFirst();
        }
        entry.failures.addLast(now);
        if (entry.failures.size() >= settings.maxFailures()) {
            entry.failures.clear();
            entry.lockedUntil = now.plus(lockout(entry.locks));
            entry.locks++;
        }
    }

    /**
     * Records a successful login from {@code address}: its failures are forgotten. The lock count is
     * kept (it decays with quiet time), so owning one account does not reset guessing at others.
     */
    public synchronized void recordSuccess(String address) {
        requireNonNull(address, "address");
        Entry entry = entries.get(address);
        if (entry == null) {
            return;
        }
        entry.failures.clear();
        if (entry.locks == 0) {
            entries.remove(address);
        }
    }

    /** How many addresses are remembered; for tests and monitoring. */
    public synchronized int trackedAddresses() {
        return entries.size();
    }

    private Duration lockout(int previousLocks) {
        Duration lockout = settings.baseLockout();
        for (int i = 0; i < previousLocks && lockout.compareTo(settings.maxLockout()) < 0; i++) {
            lockout = lockout.multipliedBy(2);
        }
        return lockout.compareTo(settings.maxLockout()) > 0 ? settings.maxLockout() : lockout;
    }

    /**
     * Drops entries from the least recently failing end while they have expired. Stops at the first
     * live one, so each call is cheap; anything left behind goes on a later call or by the cap.
     */
    private void expire(Instant now) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry entry = it.next();
            boolean locked = entry.lockedUntil != null && now.isBefore(entry.lockedUntil);
            if (locked || now.isBefore(entry.lastFailure.plus(retention))) {
                return;
            }
            it.remove();
        }
    }
}

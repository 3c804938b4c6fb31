package dev.cantrip.world;

import java.util.HashMap;
import java.util.Map;

/**
 * How much the code of one account (its snippets, its tasks' callbacks, its flows) may send to
 * players over time, all its runs together: a burst, then a steady rate. Each run's output budget
 * bounds one run; without this, a chain of callbacks that each start the next sends a fresh budget
 * every time (a Builder's {@code delay(0, ...)} chain sent 90 MB to another player, who was
 * disconnected as a slow reader). Loop only.
 */
final class MessageRate {

    /** What an account's code may send at once. */
    static final long BURST_BYTES = 1L << 20;
    /** What comes back each second after that. */
    static final long BYTES_PER_SECOND = 64L << 10;

    // Per account: the bytes it may still send, and when that was worked out.
    private final Map<Long, long[]> allowances = new HashMap<>();

    /** Takes {@code bytes} from the account's allowance at {@code nowNanos}; false (nothing taken) if it has less. */
    boolean take(long accountId, long bytes, long nowNanos) {
        long[] a = allowances.computeIfAbsent(accountId, k -> new long[] {BURST_BYTES, nowNanos});
        long elapsed = Math.max(0, nowNanos - a[1]);
        a[0] = Math.min(BURST_BYTES, a[0] + (long) (elapsed / 1e9 * BYTES_PER_SECOND));
        a[1] = nowNanos;
        if (bytes > a[0]) {
            return false;
        }
        a[0] -= bytes;
        return true;
    }
}

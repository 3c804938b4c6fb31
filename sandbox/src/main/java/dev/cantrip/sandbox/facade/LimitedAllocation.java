package dev.cantrip.sandbox.facade;

import dev.cantrip.repl.Checkpoint;

/**
 * Charges a capacity to the run's allocation budget before the JDK allocates all of it at once
 * ({@code new ArrayList<>(n)}, {@code sb.setLength(n)}, {@code Arrays.copyOf(a, n)}).
 */
public final class LimitedAllocation {

    private LimitedAllocation() {}

    /**
     * @param count elements about to be allocated
     * @param shift log2 of the bytes per element (negative: elements per byte, as bits in a {@code BitSet})
     */
    public static void charge(int count, int shift) {
        if (count > 4096) {
            Checkpoint.charge(shift >= 0 ? (long) count << shift : (long) count >> -shift);
        }
    }
}

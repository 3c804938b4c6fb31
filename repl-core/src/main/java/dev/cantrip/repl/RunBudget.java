package dev.cantrip.repl;

import java.time.Duration;
import java.util.Objects;

/**
 * What one evaluation's snippet code may use; past any of these it is stopped and the user told
 * which limit was hit and what was used. The runs of one evaluation (its snippets, the rendering of
 * their values) share the time and allocation budget; output is counted per run.
 *
 * <p>CPU time and allocated bytes are read from the running thread's counters, which the JVM keeps
 * for platform threads only: code run on a virtual thread is held to its wall time and to the
 * sizes of the arrays it asks for.
 *
 * @param cpu CPU time
 * @param wall wall-clock time, waiting included
 * @param allocatedBytes bytes allocated on the heap; an array larger than what is left is refused
 *     before it is made
 * @param outputBytes bytes printed per run; the rest is dropped with a note
 * @param callDepth nested calls of snippet methods
 */
public record RunBudget(Duration cpu, Duration wall, long allocatedBytes, long outputBytes, int callDepth) {

    public RunBudget {
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(wall, "wall");
        if (!cpu.isPositive() || !wall.isPositive()) {
            throw new IllegalArgumentException("cpu and wall time must be positive, got " + cpu + " and " + wall);
        }
        if (allocatedBytes < 1 << 20 || outputBytes < 1 || callDepth < 16) {
            throw new IllegalArgumentException("budget too small: allocated " + allocatedBytes + " bytes (at least 1 MiB)"
                    + ", output " + outputBytes + " bytes (at least 1), call depth " + callDepth + " (at least 16)");
        }
    }

    /** 2 s CPU, 5 s wall, 256 MiB allocated, 1 MiB output, 1,000 calls deep. */
    public static RunBudget defaults() {
        return new RunBudget(Duration.ofSeconds(2), Duration.ofSeconds(5), 256L << 20, 1L << 20, 1_000);
    }

    public RunBudget withCpu(Duration cpu) {
        return new RunBudget(cpu, wall, allocatedBytes, outputBytes, callDepth);
    }

    public RunBudget withWall(Duration wall) {
        return new RunBudget(cpu, wall, allocatedBytes, outputBytes, callDepth);
    }

    public RunBudget withAllocatedBytes(long allocatedBytes) {
        return new RunBudget(cpu, wall, allocatedBytes, outputBytes, callDepth);
    }

    public RunBudget withOutputBytes(long outputBytes) {
        return new RunBudget(cpu, wall, allocatedBytes, outputBytes, callDepth);
    }

    public RunBudget withCallDepth(int callDepth) {
        return new RunBudget(cpu, wall, allocatedBytes, outputBytes, callDepth);
    }
}

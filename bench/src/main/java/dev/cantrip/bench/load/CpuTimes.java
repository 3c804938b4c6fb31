package dev.cantrip.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine's CPU time by state, from Linux's {@code /proc/stat}: what a load run's figures
 * mean depends on it. On a shared virtual machine the hypervisor may run other guests on "our"
 * cores ({@code steal}); a latency percentile measured then is partly theirs.
 *
 * @param busy jiffies spent running code (user, nice, system, interrupts)
 * @param idle jiffies idle or waiting for I/O
 * @param steal jiffies the hypervisor gave to someone else while this machine wanted to run
 */
record CpuTimes(long busy, long idle, long steal) {

    private static final Path STAT = Path.of("/proc/stat");

    /** Now, if the machine says (Linux); empty elsewhere. */
    static Optional<CpuTimes> now() {
        try {
            String line = Files.readAllLines(STAT).getFirst(); // "cpu  user nice system idle iowait irq softirq steal ..."
            String[] f = line.trim().split("\\s+");
            if (!f[0].equals("cpu") || f.length < 9) {
                return Optional.empty();
            }
            long[] v = new long[8];
            for (int i = 0; i < 8; i++) {
                v[i] = Long.parseLong(f[i + 1]);
            }
            return Optional.of(new CpuTimes(v[0] + v[1] + v[2] + v[5] + v[6], v[3] + v[4], v[7]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The shares of the time between {@code before} and this, as one line. */
    String since(CpuTimes before) {
        long busyD = busy - before.busy;
        long idleD = idle - before.idle;
        long stealD = steal - before.steal;
        double all = Math.max(1, busyD + idleD + stealD);
        return String.format(Locale.ROOT, "busy %.0f%%, idle %.0f%%, stolen by the hypervisor %.0f%%",
                100 * busyD / all, 100 * idleD / all, 100 * stealD / all);
    }
}

package dev.cantrip.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of the load client saw.
 *
 * @param options what the run did
 * @param loginSeconds how long logging every session in took
 * @param kinds latency of each kind of command (look, say, move; java, runaway, runAsync when
 *     asked for), from when each was due to its answer
 * @param runaway the line that told the runaway's owner it was stopped, if there was a runaway and
 *     it was
 * @param lost connections the server closed before the client did
 * @param connections connections the run opened
 * @param serverStats the server's own {@code @stats} lines after the run (loop lag, output held
 *     until saved, heap)
 * @param machine how the machine's CPUs spent the measured time (busy, idle, stolen by a
 *     hypervisor), where the system says (Linux)
 * @param sentLate how late the client itself wrote the commands of the measured time (part of
 *     every latency above: the client shares the machine)
 */
public record LoadReport(LoadOptions options, double loginSeconds, List<Kind> kinds, Optional<String> runaway,
                         long lost, int connections, List<String> serverStats, Optional<String> machine,
                         Percentiles sentLate) {

    public LoadReport {
        Objects.requireNonNull(options, "options");
        kinds = List.copyOf(kinds);
        Objects.requireNonNull(runaway, "runaway");
        serverStats = List.copyOf(serverStats);
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(sentLate, "sentLate");
    }

    /** Latency percentiles, in milliseconds. */
    public record Percentiles(double p50Millis, double p99Millis, double maxMillis) {}

    /**
     * One kind of command's figures.
     *
     * @param answered commands answered within the run (counted after the warm-up)
     * @param unanswered commands whose answer never came before the run ended
     * @param fromDue from when each command was due to its answer: the figure for a target
     * @param fromSent from when the client wrote each command to its answer: without the client's
     *     own delay in sending (it shares the machine)
     */
    public record Kind(String name, int answered, long unanswered, Percentiles fromDue, Percentiles fromSent) {

        /** One line for a terminal. */
        public String line() {
            return String.format(Locale.ROOT, "%-9s %,7d answered  from due: p50 %6.2f ms  p99 %7.2f ms  max %7.2f ms"
                    + "  | from sent: p50 %6.2f  p99 %7.2f  | %,d unanswered", name, answered, fromDue.p50Millis(),
                    fromDue.p99Millis(), fromDue.maxMillis(), fromSent.p50Millis(), fromSent.p99Millis(), unanswered);
        }
    }

    /** The figures of the kind called {@code name}, if it ran. */
    public Optional<Kind> kind(String name) {
        return kinds.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** The report as lines for a terminal. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("latency to each command's answer, from when it was due and from when it was written:");
        kinds.forEach(k -> out.add("  " + k.line()));
        if (options.runaway()) {
            out.add("runaway: " + runaway.orElse("(never stopped)"));
        }
        out.add(String.format(Locale.ROOT, "connections lost: %d of %d", lost, connections));
        out.add("server (@stats): " + String.join("; ", serverStats));
        out.add(String.format(Locale.ROOT, "the client's own delay, from due to written (inside the figures above):"
                + " p50 %.2f ms, p99 %.2f ms, max %.2f ms", sentLate.p50Millis(), sentLate.p99Millis(),
                sentLate.maxMillis()));
        machine.ifPresent(m -> out.add("machine while measured: " + m));
        return out;
    }
}

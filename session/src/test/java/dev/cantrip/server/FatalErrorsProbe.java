package dev.cantrip.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A process for {@link FatalErrorsTest}: installs the real handler, gives it a clean stop that never
 * ends, and runs out of memory for real on a thread named by its first argument (small arrays kept
 * until the heap is full, as a loop or a network thread meets it). Prints "survived" and exits 0 if
 * the process is still there six seconds later.
 */
public final class FatalErrorsProbe {

    private FatalErrorsProbe() {}

    public static void main(String[] args) throws InterruptedException {
        FatalErrors.install(Duration.ofSeconds(1));
        FatalErrors.whenFatal(() -> {
            System.out.println("stopping cleanly");
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE); // a stop that hangs: the halt must come anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread filler = Thread.ofPlatform().name(args[0]).start(() -> {
            List<long[]> keep = new ArrayList<>();
            while (true) {
                keep.add(new long[1024]);
            }
        });
        filler.join();
        System.gc();
        Thread.sleep(6000); // well past the stop bound: a process that should end has ended by then
        System.out.println("survived");
    }
}

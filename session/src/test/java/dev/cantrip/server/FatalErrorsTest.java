package dev.cantrip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An OutOfMemoryError outside snippet threads ends the process promptly with
 * {@link FatalErrors#EXIT_STATUS}, even when the clean stop hangs; one in a snippet thread does
 * not. Each case is a real JVM running out of its real heap.
 */
class FatalErrorsTest {

    private record Ended(int status, String output, long millis) {}

    private static Ended runOutOfMemoryOn(String threadName) throws IOException, InterruptedException {
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx48m",
                "-cp", System.getProperty("java.class.path"), FatalErrorsProbe.class.getName(), threadName);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the process did not end: " + new String(out, StandardCharsets.UTF_8));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new Ended(p.exitValue(), new String(out, StandardCharsets.UTF_8), millis);
    }

    @Test
    void outOfMemoryOnTheLoopEndsTheProcessWithItsStatusEvenIfTheStopHangs() throws Exception {
        Ended e = runOutOfMemoryOn("cantrip-loop");
        System.out.println("out of memory on cantrip-loop: process ended in " + e.millis() + " ms, status " + e.status());
        assertThat(e.status()).as(e.output()).isEqualTo(FatalErrors.EXIT_STATUS);
        assertThat(e.output()).contains("FATAL: the JVM ran out of memory", "stopping cleanly")
                .doesNotContain("survived");
        assertThat(e.millis()).isLessThan(30_000); // a sanity bound; the stop is given 1 s
    }

    @Test
    void outOfMemoryOnANetworkThreadEndsItToo() throws Exception {
        Ended e = runOutOfMemoryOn("nioEventLoopGroup-3-1");
        assertThat(e.status()).as(e.output()).isEqualTo(FatalErrors.EXIT_STATUS);
    }

    @Test
    void outOfMemoryInASnippetsOwnThreadIsTheRunsAndTheProcessGoesOn() throws Exception {
        Ended e = runOutOfMemoryOn("cantrip-snippet-7");
        assertThat(e.status()).as(e.output()).isZero();
        assertThat(e.output()).contains("survived").doesNotContain("FATAL");
    }

    @Test
    void onlyTheJvmsOwnFailuresAreFatal() {
        assertThat(FatalErrors.isFatal(new OutOfMemoryError())).isTrue();
        assertThat(FatalErrors.isFatal(new RuntimeException("wrapped", new OutOfMemoryError()))).isTrue();
        assertThat(FatalErrors.isFatal(new StackOverflowError())).isFalse();
        assertThat(FatalErrors.isFatal(new IllegalStateException())).isFalse();
    }
}

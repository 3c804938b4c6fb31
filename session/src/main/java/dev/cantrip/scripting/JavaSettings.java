package dev.cantrip.scripting;

import dev.cantrip.account.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the {@code java} command is set up. What snippets may use, and their budgets, are the tiers'
 * ({@link JavaTiers}).
 *
 * @param minRole the lowest role that may use it (Developer by default)
 * @param idleTimeout a session's Java state unused for this long is cleared
 * @param poolSize JShell instances kept warm for sessions' first use, per tier in use
 * @param tiersDir where an operator's tier files replace the built-in ones ({@code <data>/tiers});
 *     null for the built-in tiers only
 * @param maxTasks the most tasks ({@code delay}s) one account's snippets may have pending
 * @param maxAsyncJobs the most {@code runAsync} jobs one account may have running (or queued) at once
 * @param asyncWorkers threads that run {@code runAsync} work (never the game loop's)
 */
public record JavaSettings(Role minRole, Duration idleTimeout, int poolSize, Path tiersDir, int maxTasks,
                           int maxAsyncJobs, int asyncWorkers) {

    /** The default of {@link #maxTasks}. */
    public static final int DEFAULT_MAX_TASKS = 1_000;
    /** The default of {@link #maxAsyncJobs}. */
    public static final int DEFAULT_MAX_ASYNC_JOBS = 2;

    public JavaSettings {
        Objects.requireNonNull(minRole, "minRole");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxTasks < 1 || maxAsyncJobs < 1 || asyncWorkers < 1) {
            throw new IllegalArgumentException("maxTasks, maxAsyncJobs and asyncWorkers must be at least 1, got "
                    + maxTasks + ", " + maxAsyncJobs + ", " + asyncWorkers);
        }
    }

    /** Settings with the default limits on tasks and background work. */
    public JavaSettings(Role minRole, Duration idleTimeout, int poolSize, Path tiersDir) {
        this(minRole, idleTimeout, poolSize, tiersDir, DEFAULT_MAX_TASKS, DEFAULT_MAX_ASYNC_JOBS,
                defaultAsyncWorkers());
    }

    /**
     * One fewer than the processors, at least one: background work may fill those, and one is left
     * for the game loop and the network.
     */
    public static int defaultAsyncWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** Developers only, 30 minutes idle, 2 warm instances, the built-in tiers. */
    public static JavaSettings defaults() {
        return new JavaSettings(Role.DEVELOPER, Duration.ofMinutes(30), 2, null);
    }
}

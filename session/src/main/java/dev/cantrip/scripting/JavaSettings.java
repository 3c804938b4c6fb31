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
 */
public record JavaSettings(Role minRole, Duration idleTimeout, int poolSize, Path tiersDir, int maxTasks) {

    /** The default of {@link #maxTasks}. */
    public static final int DEFAULT_MAX_TASKS = 1_000;

    public JavaSettings {
        Objects.requireNonNull(minRole, "minRole");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxTasks < 1) {
            throw new IllegalArgumentException("maxTasks must be at least 1, got " + maxTasks);
        }
    }

    /** Settings with the default {@link #maxTasks}. */
    public JavaSettings(Role minRole, Duration idleTimeout, int poolSize, Path tiersDir) {
        this(minRole, idleTimeout, poolSize, tiersDir, DEFAULT_MAX_TASKS);
    }

    /** Developers only, 30 minutes idle, 2 warm instances, the built-in tiers. */
    public static JavaSettings defaults() {
        return new JavaSettings(Role.DEVELOPER, Duration.ofMinutes(30), 2, null);
    }
}

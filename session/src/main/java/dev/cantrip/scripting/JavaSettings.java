package dev.cantrip.scripting;

import dev.cantrip.account.Role;
import java.time.Duration;
import java.util.Objects;

/**
 * How the {@code java} command is set up.
 *
 * @param minRole the lowest role that may use it (Developer by default)
 * @param idleTimeout a session's Java state unused for this long is cleared
 * @param runTimeLimit one run of snippet code on the game loop longer than this is stopped
 * @param poolSize JShell instances kept warm for sessions' first use
 */
public record JavaSettings(Role minRole, Duration idleTimeout, Duration runTimeLimit, int poolSize) {

    public JavaSettings {
        Objects.requireNonNull(minRole, "minRole");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(runTimeLimit, "runTimeLimit");
    }

    /** Developers only, 30 minutes idle, 5 s per run, 2 warm instances. */
    public static JavaSettings defaults() {
        return new JavaSettings(Role.DEVELOPER, Duration.ofMinutes(30), Duration.ofSeconds(5), 2);
    }
}

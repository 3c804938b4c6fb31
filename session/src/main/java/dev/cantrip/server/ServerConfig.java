package dev.cantrip.server;

import dev.cantrip.scripting.JavaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the server is set up. Built by {@link ConfigLoader} from defaults, the data directory's
 * {@code cantrip.properties} and the command line, in that order.
 *
 * @param bind address to listen on
 * @param telnetPort telnet port (0 picks a free one)
 * @param webPort web port (0 picks a free one)
 * @param dataDir where the database, logs and configuration live
 * @param jdbcUrl the database; by default an H2 file in {@code dataDir}
 * @param maxLineBytes longest input line accepted; longer ones are dropped with a message
 * @param loginIdleTimeout how long a connection may idle on the login screen
 * @param passwordIterations PBKDF2 iterations for new password hashes
 * @param maxQueuedLines lines a player may type ahead while a command is still finishing
 * @param creationsPerAddress accounts one address may create in five minutes (0: no limit)
 * @param java who may use the {@code java} command, and its limits
 */
public record ServerConfig(String bind, int telnetPort, int webPort, Path dataDir, String jdbcUrl,
                           int maxLineBytes, Duration loginIdleTimeout, int passwordIterations,
                           int maxQueuedLines, int creationsPerAddress, String flowEscape, JavaSettings java) {

    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(loginIdleTimeout, "loginIdleTimeout");
        Objects.requireNonNull(flowEscape, "flowEscape");
        Objects.requireNonNull(java, "java");
    }

    /** The default database for a data directory: an embedded H2 file inside it. */
    static String defaultJdbcUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("cantrip");
    }
}

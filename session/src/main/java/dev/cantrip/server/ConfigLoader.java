package dev.cantrip.server;

import dev.cantrip.account.Role;
import dev.cantrip.scripting.JavaSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the configuration: defaults, then {@code <data>/cantrip.properties} if present, then the
 * command line. Unknown keys and flags are errors, so a typo never passes silently.
 */
public final class ConfigLoader {

    /** Property keys, with the command-line flag that sets each (if any) and its default. */
    private enum Key {
        BIND("bind", "--bind", "127.0.0.1"),
        TELNET_PORT("telnet.port", "--telnet-port", "4000"),
        WEB_PORT("web.port", "--web-port", "4001"),
        DATA("data", "--data", "data"),
        DB_URL("db.url", "--db-url", ""),
        MAX_LINE_BYTES("telnet.max-line-bytes", null, "8192"),
        LOGIN_IDLE_SECONDS("login.idle-timeout-seconds", null, "300"),
        PASSWORD_ITERATIONS("password.iterations", null, "210000"),
        MAX_QUEUED_LINES("input.max-queued-lines", null, "64"),
        CREATIONS_PER_ADDRESS("login.max-creations-per-address", null, "5"),
        FLOW_ESCAPE("flow.escape", null, "!"),
        JAVA_MIN_ROLE("java.min-role", null, "developer"),
        JAVA_IDLE_MINUTES("java.idle-timeout-minutes", null, "30"),
        JAVA_POOL_SIZE("java.pool-size", null, "2"),
        JAVA_MAX_TASKS("java.max-tasks", null, "1000"),
        JAVA_MAX_ASYNC_JOBS("java.max-async-jobs", null, "2"),
        JAVA_ASYNC_WORKERS("java.async-workers", null, Integer.toString(JavaSettings.defaultAsyncWorkers()));

        final String property;
        final String flag;
        final String defaultValue;

        Key(String property, String flag, String defaultValue) {
            this.property = property;
            this.flag = flag;
            this.defaultValue = defaultValue;
        }
    }

    public static final String USAGE = """
            Usage: scripts/run [--telnet-port N] [--web-port N] [--bind ADDR] [--data DIR] [--db-url URL]

              --telnet-port N   telnet port (default 4000; 0 picks a free port)
              --web-port N      web port (default 4001; 0 picks a free port)
              --bind ADDR       address to listen on (default 127.0.0.1; 0.0.0.0 for all)
              --data DIR        data directory: database, logs, cantrip.properties (default ./data)
              --db-url URL      a JDBC URL instead of the embedded H2 file in the data directory

            More settings go in <data>/cantrip.properties:
              telnet.max-line-bytes, login.idle-timeout-seconds, password.iterations,
              input.max-queued-lines, login.max-creations-per-address, flow.escape, java.min-role
              (player, builder or developer), java.idle-timeout-minutes,
              java.pool-size, java.max-tasks, java.max-async-jobs,
              java.async-workers (and any of bind, telnet.port,
              web.port, db.url).
            What `java` snippets may use, and their time and memory budgets, are in the tier files:
            a copy of a tier's .policy file in <data>/tiers/ replaces the built-in one (see README).
            CANTRIP_ADMIN=name:password creates that Developer account if it does not exist.""";

    private ConfigLoader() {}

    /**
     * Builds the configuration from the command line (and the properties file it points to).
     *
     * @throws ConfigException with a message naming the bad flag or setting
     */
    public static ServerConfig load(List<String> args) {
        Map<Key, String> fromFlags = parseFlags(args);
        Path data = Path.of(fromFlags.getOrDefault(Key.DATA, Key.DATA.defaultValue));
        Map<Key, String> values = new LinkedHashMap<>();
        for (Key k : Key.values()) {
            values.put(k, k.defaultValue);
        }
        values.putAll(readFile(data.resolve("cantrip.properties")));
        values.putAll(fromFlags);
        values.put(Key.DATA, data.toString());
        String url = values.get(Key.DB_URL).isBlank() ? ServerConfig.defaultJdbcUrl(data) : values.get(Key.DB_URL);
        return new ServerConfig(
                values.get(Key.BIND),
                port(values, Key.TELNET_PORT),
                port(values, Key.WEB_PORT),
                data,
                url,
                intIn(values, Key.MAX_LINE_BYTES, 256, 1 << 20),
                Duration.ofSeconds(intIn(values, Key.LOGIN_IDLE_SECONDS, 5, 86_400)),
                intIn(values, Key.PASSWORD_ITERATIONS, 1_000, 10_000_000),
                intIn(values, Key.MAX_QUEUED_LINES, 1, 10_000),
                intIn(values, Key.CREATIONS_PER_ADDRESS, 0, 1_000_000),
                escape(values.get(Key.FLOW_ESCAPE)),
                new JavaSettings(role(values, Key.JAVA_MIN_ROLE),
                        Duration.ofMinutes(intIn(values, Key.JAVA_IDLE_MINUTES, 1, 7 * 24 * 60)),
                        intIn(values, Key.JAVA_POOL_SIZE, 0, 32),
                        data.resolve("tiers"),
                        intIn(values, Key.JAVA_MAX_TASKS, 1, 1_000_000),
                        intIn(values, Key.JAVA_MAX_ASYNC_JOBS, 1, 1_000),
                        intIn(values, Key.JAVA_ASYNC_WORKERS, 1, 256)));
    }

    private static String escape(String value) {
        String v = value.strip();
        if (v.isEmpty() || v.length() > 8 || v.chars().anyMatch(Character::isLetterOrDigit)) {
            throw new ConfigException("flow.escape must be 1 to 8 characters that are not letters or digits (such as !),"
                    + " not '" + value + "'");
        }
        return v;
    }

    private static Map<Key, String> parseFlags(List<String> args) {
        Map<Key, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String flag = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                flag = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Key key = null;
            for (Key k : Key.values()) {
                if (flag.equals(k.flag)) {
                    key = k;
                }
            }
            if (key == null) {
                throw new ConfigException("unknown option '" + arg + "'.");
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new ConfigException("option " + flag + " needs a value.");
                }
                value = args.get(++i);
            }
            out.put(key, value);
        }
        return out;
    }

    private static Map<Key, String> readFile(Path file) {
        Map<Key, String> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        for (String name : p.stringPropertyNames()) {
            Key key = null;
            for (Key k : Key.values()) {
                if (k.property.equals(name)) {
                    key = k;
                }
            }
            if (name.equals("java.run-time-limit-seconds")) {
                throw new ConfigException("'" + name + "' in " + file + " is no longer a setting: snippet time limits"
                        + " are the budgets in the tier files (copy a tier's .policy file to " + file.resolveSibling("tiers")
                        + " and change its 'budget wall' and 'budget cpu' lines; see the README).");
            }
            if (key == null || key == Key.DATA) {
                throw new ConfigException("unknown setting '" + name + "' in " + file + ".");
            }
            out.put(key, p.getProperty(name).strip());
        }
        return out;
    }

    private static Role role(Map<Key, String> values, Key key) {
        String text = values.get(key);
        return Role.parse(text).orElseThrow(() -> new ConfigException(key.property
                + " must be one of player, builder, developer; got '" + text + "'."));
    }

    private static int port(Map<Key, String> values, Key key) {
        return intIn(values, key, 0, 65_535);
    }

    private static int intIn(Map<Key, String> values, Key key, int min, int max) {
        String text = values.get(key);
        String name = key.flag != null ? key.flag + " (" + key.property + ")" : key.property;
        try {
            int v = Integer.parseInt(text.replace("_", ""));
            if (v < min || v > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max + "; got " + v + ".");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number; got '" + text + "'.");
        }
    }
}

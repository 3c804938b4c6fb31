package dev.cantrip.command;

import dev.cantrip.account.Role;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the game needs to know about a command besides running it.
 *
 * @param key the name players type, lower case ({@code "look"}, {@code "@set"})
 * @param minRole the lowest role that may use it; anyone below gets the same answer as for an
 *     unknown command
 * @param help the usage on the first line, then a blank line, then the details
 * @param aliases other names for the same command
 */
public record CommandSpec(String key, Role minRole, String help, List<String> aliases) {

    public CommandSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(minRole, "minRole");
        Objects.requireNonNull(help, "help");
        if (!key.equals(key.toLowerCase(Locale.ROOT)) || key.isBlank()) {
            throw new IllegalArgumentException("command keys are lower case and not blank: '" + key + "'");
        }
        aliases = List.copyOf(aliases);
    }

    public CommandSpec(String key, Role minRole, String help, String... aliases) {
        this(key, minRole, help, List.of(aliases));
    }

    /** The first line of the help: how to type the command. */
    public String usage() {
        return help.lines().findFirst().orElse(key);
    }
}

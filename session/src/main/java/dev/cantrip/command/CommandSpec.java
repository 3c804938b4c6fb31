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
 * @param argumentRequired whether the command needs text after its name; without it the player
 *     is shown the usage and the command does not run
 */
public record CommandSpec(String key, Role minRole, String help, List<String> aliases, boolean argumentRequired) {

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
        this(key, minRole, help, List.of(aliases), false);
    }

    /** The same command, needing text after its name. */
    public CommandSpec needingArgument() {
        return new CommandSpec(key, minRole, help, aliases, true);
    }

    /** The first line of the help: how to type the command. */
    public String usage() {
        return help.lines().findFirst().orElse(key);
    }
}

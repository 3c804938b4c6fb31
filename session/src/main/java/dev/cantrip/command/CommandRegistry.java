package dev.cantrip.command;

import dev.cantrip.account.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Commands by name and alias. Built once at start; read on the game loop. */
public final class CommandRegistry {

    private final Map<String, Command> byName = new LinkedHashMap<>();
    private final List<Command> commands = new ArrayList<>();

    /**
     * Adds a command.
     *
     * @throws IllegalArgumentException if one of its names is taken
     */
    public CommandRegistry add(Command c) {
        Objects.requireNonNull(c, "c");
        List<String> names = new ArrayList<>();
        names.add(c.spec().key());
        names.addAll(c.spec().aliases());
        for (String n : names) {
            String k = n.toLowerCase(Locale.ROOT);
            if (byName.containsKey(k)) {
                throw new IllegalArgumentException("command name " + n + " is used twice");
            }
        }
        names.forEach(n -> byName.put(n.toLowerCase(Locale.ROOT), c));
        commands.add(c);
        return this;
    }

    /** The command with this name or alias that {@code role} may use. */
    public Optional<Command> find(String name, Role role) {
        Command c = byName.get(name.toLowerCase(Locale.ROOT));
        return c != null && role.atLeast(c.spec().minRole()) ? Optional.of(c) : Optional.empty();
    }

    /** The commands {@code role} may use, by name. */
    public List<Command> available(Role role) {
        return commands.stream()
                .filter(c -> role.atLeast(c.spec().minRole()))
                .sorted(Comparator.comparing(c -> c.spec().key()))
                .toList();
    }

    /** Every command. */
    public Collection<Command> all() {
        return List.copyOf(commands);
    }
}

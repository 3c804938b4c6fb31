package dev.cantrip.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A command line split the way Evennia splits it: {@code name/switch1/switch2 args}.
 *
 * @param name the command word, lower case
 * @param switches switches after the name, lower case
 * @param args the rest of the line, trimmed ("" when none)
 */
public record CommandInput(String name, List<String> switches, String args) {

    public CommandInput {
        switches = List.copyOf(switches);
    }

    /** Splits a line that is not blank. */
    public static CommandInput parse(String line) {
        String trimmed = Objects.requireNonNull(line, "line").strip();
        // MUD shorthand: 'hello and "hello are "say hello".
        if (!trimmed.isEmpty() && (trimmed.charAt(0) == '\'' || trimmed.charAt(0) == '"')) {
            return new CommandInput(trimmed.substring(0, 1), List.of(), trimmed.substring(1).strip());
        }
        int space = 0;
        while (space < trimmed.length() && !Character.isWhitespace(trimmed.charAt(space))) {
            space++;
        }
        String word = trimmed.substring(0, space);
        String args = trimmed.substring(space).strip();
        List<String> parts = new ArrayList<>(List.of(word.split("/", -1)));
        String name = parts.removeFirst().toLowerCase(Locale.ROOT);
        parts.replaceAll(p -> p.toLowerCase(Locale.ROOT));
        parts.removeIf(String::isEmpty);
        return new CommandInput(name, parts, args);
    }

    /** The arguments before the first {@code =}, trimmed (all of them when there is none). */
    public String lhs() {
        int eq = args.indexOf('=');
        return (eq < 0 ? args : args.substring(0, eq)).strip();
    }

    /** The arguments after the first {@code =}, trimmed; empty when there is no {@code =}. */
    public Optional<String> rhs() {
        int eq = args.indexOf('=');
        return eq < 0 ? Optional.empty() : Optional.of(args.substring(eq + 1).strip());
    }

    /** Whether the switch was given. */
    public boolean has(String aSwitch) {
        return switches.contains(aSwitch);
    }
}

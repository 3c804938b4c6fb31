package dev.cantrip.account;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * What an account may do, from least to most trusted. Each role includes the powers of those
 * before it, so permission checks are written as {@code role.atLeast(Role.BUILDER)}.
 */
public enum Role {
    /** Plays the game. */
    PLAYER("Player"),
    /** Also builds: creates and edits rooms, objects and their attributes. */
    BUILDER("Builder"),
    /** Also manages accounts and the running server. */
    ADMIN("Admin"),
    /** Also runs Java code in the in-game console. */
    DEVELOPER("Developer");

    private final String displayName;

    Role(String displayName) {
        this.displayName = displayName;
    }

    /** Whether this role is {@code other} or higher. */
    public boolean atLeast(Role other) {
        return compareTo(requireNonNull(other, "other")) >= 0;
    }

    /** The name shown to people: "Player", "Builder", "Admin", "Developer". */
    public String displayName() {
        return displayName;
    }

    /** The role named {@code text}, ignoring case and surrounding whitespace, or empty if none is. */
    public static Optional<Role> parse(String text) {
        String wanted = requireNonNull(text, "text").strip().toUpperCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.name().equals(wanted)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}

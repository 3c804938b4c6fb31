package dev.cantrip.account;

import java.time.Instant;
import java.util.Objects;

/**
 * A login: a name, a password hash, a role, and the character it plays.
 *
 * @param id stable id, separate from object ids
 * @param name the name as chosen (shown with its case; unique ignoring case)
 * @param passwordHash the self-describing hash from {@link PasswordHasher}
 * @param role what the account may do
 * @param characterId the object id of its character
 * @param createdAt when it was created
 */
public record Account(long id, String name, String passwordHash, Role role, long characterId, Instant createdAt) {

    public Account {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Names the account without its password hash, which must not end up in logs or on screens. */
    @Override
    public String toString() {
        return "Account[id=" + id + ", name=" + name + ", role=" + role.displayName() + ", characterId=" + characterId
                + ", createdAt=" + createdAt + "]";
    }

    /** The same account with another role. */
    public Account withRole(Role newRole) {
        return new Account(id, name, passwordHash, newRole, characterId, createdAt);
    }

    /** The same account with another password hash. */
    public Account withPasswordHash(String newHash) {
        return new Account(id, name, newHash, role, characterId, createdAt);
    }

    /** The same account playing another character. */
    public Account withCharacterId(long newCharacterId) {
        return new Account(id, name, passwordHash, role, newCharacterId, createdAt);
    }

    /** Whether the account's role is {@code min} or higher. */
    public boolean hasRole(Role min) {
        return role.atLeast(min);
    }
}

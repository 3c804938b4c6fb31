package dev.cantrip.tasks;

import java.util.Objects;

/**
 * Whose a task is: the account that made it. Its budget, its quota and its messages (errors, a
 * task dropped) are that account's.
 *
 * @param accountId the account's id
 * @param name the account's name, for listings
 */
public record TaskOwner(long accountId, String name) {
    public TaskOwner {
        Objects.requireNonNull(name, "name");
    }
}

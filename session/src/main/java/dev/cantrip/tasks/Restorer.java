package dev.cantrip.tasks;

import java.util.Objects;

/** Rebuilds the work of persistent tasks read back from the store (at start and after a reload). */
@FunctionalInterface
public interface Restorer {

    /** What a stored task becomes: work to run when due, or broken, with the reason. */
    sealed interface Restored {
        /**
         * @param owner whose it is
         * @param source what it runs, for listings
         * @param action runs it when due, given the task; it calls {@link Tasks#broke} if it turns out
         *     it cannot
         */
        record Ready(TaskOwner owner, String source, java.util.function.Consumer<Task> action) implements Restored {
            public Ready {
                Objects.requireNonNull(owner, "owner");
                Objects.requireNonNull(source, "source");
                Objects.requireNonNull(action, "action");
            }
        }

        /** It cannot run: kept, listed with {@code reason}, and its owner told. */
        record Broken(TaskOwner owner, String source, String reason) implements Restored {
            public Broken {
                Objects.requireNonNull(owner, "owner");
                Objects.requireNonNull(source, "source");
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /** Rebuilds the stored task {@code id} of account {@code ownerId} from {@code spec}. */
    Restored restore(long id, long ownerId, String spec);
}

package dev.cantrip.tasks;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Rebuilds the work of persistent tasks read back from the store (at start and after a reload).
 *
 * <p>Reading back is cheap and done at once ({@link #restore}); the costly part, compiling the
 * work again, is asked for only when the task comes due ({@link Restored.Ready#rebuild}), and the
 * task stays in the store while it happens: it leaves the store only once its work is ready to
 * run, in the same durable step in which it fires.
 */
@FunctionalInterface
public interface Restorer {

    /** What a stored task becomes: work to rebuild when due, or broken, with the reason. */
    sealed interface Restored {
        /**
         * @param owner whose it is
         * @param source what it runs, for listings
         * @param rebuild called on the loop when the task comes due (the task stays listed, and on
         *     disk, meanwhile); completes, on any thread, with the work to run or why it cannot be
         *     rebuilt. Completing exceptionally counts as broken.
         */
        record Ready(TaskOwner owner, String source, Function<Task, CompletionStage<Rebuilt>> rebuild)
                implements Restored {
            public Ready {
                Objects.requireNonNull(owner, "owner");
                Objects.requireNonNull(source, "source");
                Objects.requireNonNull(rebuild, "rebuild");
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

    /** What a rebuild came to. */
    sealed interface Rebuilt {
        /** Ready: {@code work} runs the task (on the loop, once its removal is durable). */
        record Runs(Runnable work) implements Rebuilt {
            public Runs {
                Objects.requireNonNull(work, "work");
            }
        }

        /** It cannot run (it no longer compiles, an object it names is gone, its rebuild was given up). */
        record Broken(String reason) implements Rebuilt {
            public Broken {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /** Reads back the stored task {@code id} of account {@code ownerId} from {@code spec}; loop only. */
    Restored restore(long id, long ownerId, String spec);
}

package dev.cantrip.tasks;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A task's action that may run only once it is admitted: a snippet's callback waits for one of a
 * few callback slots, and for its owner's run stuck inside the JDK to end, before it starts.
 *
 * <p>When such a task comes due, the scheduler asks for admission first and takes the task out of
 * the store only once it is admitted, in the durable step in which it then runs. Meanwhile the
 * task is still pending as far as anyone can tell: listed (with what it waits for,
 * {@link Task#waiting()}), cancellable, and for a persistent one on disk, so a stop or reload in the
 * wait leaves it to be read back and fire once.
 */
public interface AdmittedAction extends Runnable {

    /**
     * Asks to run; loop only. {@code decided} is called on the loop exactly once, within this call
     * or later, unless the returned request is {@linkplain Request#withdraw() withdrawn} first.
     * After {@link Admission.Granted}, {@link #run()} runs the action in what was granted (and lets
     * it go when the action ends), or {@link Admission.Granted#giveBack()} lets it go unused.
     */
    Request requestAdmission(Consumer<Admission> decided);

    /**
     * {@inheritDoc}
     *
     * <p>After {@link Admission.Granted}, runs in what was granted. Called without being admitted,
     * the action waits for admission itself (in memory: only the scheduler's request keeps the
     * task on disk meanwhile).
     */
    @Override
    void run();

    /** What a request for admission came to. */
    sealed interface Admission {

        /**
         * Admitted: what the action needs is held for it until {@link #run()} ends, or until
         * {@code giveBack} (which does nothing after the first call, or once the action ran).
         */
        record Granted(Runnable giveBack) implements Admission {
            public Granted {
                Objects.requireNonNull(giveBack, "giveBack");
            }
        }

        /** It may never run (its owner may no longer run code): {@code reason} says why, for its owner. */
        record Refused(String reason) implements Admission {
            public Refused {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /** A request for admission that may not be decided yet. Loop only. */
    interface Request {

        /** Takes the request back: it will not be decided, and holds nothing. Does nothing once decided. */
        void withdraw();

        /** What it waits for now, for listings ("a free callback slot"). */
        String waitingFor();
    }
}

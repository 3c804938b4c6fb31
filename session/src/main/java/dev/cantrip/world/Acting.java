package dev.cantrip.world;

import java.util.Objects;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The acting-account context: who the game loop is working for at this moment. The loop runs one
 * thing at a time (a lent loop included), so one field is enough: it is set around each session
 * step (its account), each turn of a task's callback or flow (its owner), and is the game itself
 * ({@link Actor#HOST}) everywhere else. {@link World} consults it before every change.
 *
 * <p>Loop thread only (or the thread the loop is lent to). It outlives reloads: the game keeps one
 * and hands it to each {@link World} it loads.
 */
public final class Acting {

    private Actor current = Actor.HOST;
    private LongFunction<String> accountNames = id -> "account #" + id;

    /** Who acts now. */
    public Actor current() {
        return current;
    }

    /** Runs {@code body} with {@code actor} acting, then puts back whoever acted before. */
    public void as(Actor actor, Runnable body) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(body, "body");
        Actor before = current;
        current = actor;
        try {
            body.run();
        } finally {
            current = before;
        }
    }

    /** {@link #as(Actor, Runnable)} returning what {@code body} returns. */
    public <T> T as(Actor actor, Supplier<T> body) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(body, "body");
        Actor before = current;
        current = actor;
        try {
            return body.get();
        } finally {
            current = before;
        }
    }

    /** Where refusals find the names of owners (an account id to its name). */
    public void accountNames(LongFunction<String> names) {
        this.accountNames = Objects.requireNonNull(names, "names");
    }

    /** The name of account {@code id}, for messages. */
    String accountName(long id) {
        return accountNames.apply(id);
    }
}

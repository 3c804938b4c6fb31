package dev.cantrip.login;

import dev.cantrip.account.LoginThrottle;
import dev.cantrip.account.PasswordHasher;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Everything about checking and storing passwords that must not slow the game or help a guesser:
 * hashing on two worker threads with a bounded queue (a flood of logins is refused, not queued
 * without end), a decoy hash so that an unknown name costs the same time as a wrong password,
 * per-address throttling of failed checks and of account creation, and at most one password check
 * in flight per address, so parallel connections cannot guess past the throttle.
 *
 * <p>{@link #hash} and {@link #verify} may be called from any thread; the begin/end methods are
 * for the game loop only.
 */
public final class Passwords implements AutoCloseable {

    private static final int QUEUE = 64;

    private final PasswordHasher hasher;
    private final ThreadPoolExecutor workers;
    private final LoginThrottle failedChecks = new LoginThrottle();
    private final LoginThrottle creations;
    private final Set<String> checking = new HashSet<>();
    private final CompletableFuture<String> decoy;

    /**
     * @param iterations PBKDF2 iterations for new hashes
     * @param creationsPerAddress accounts one address may create within five minutes before it must
     *     wait; 0 for no limit (a load test from one address)
     */
    public Passwords(int iterations, int creationsPerAddress) {
        this.hasher = new PasswordHasher(iterations);
        this.creations = creationsPerAddress == 0 ? null : new LoginThrottle(InstantSource.system(),
                new LoginThrottle.Settings(creationsPerAddress, Duration.ofMinutes(5), Duration.ofSeconds(60),
                        Duration.ofMinutes(15), Duration.ofHours(1), 10_000));
        this.workers = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                Thread.ofPlatform().name("cantrip-password-", 1).daemon(true).factory(),
                new ThreadPoolExecutor.AbortPolicy());
        this.decoy = hash(UUID.randomUUID().toString().toCharArray());
    }

    /** Hashes a password off the caller's thread; clears the array when done. */
    public CompletableFuture<String> hash(char[] password) {
        return submit(() -> {
            try {
                return hasher.hash(password);
            } finally {
                Arrays.fill(password, '\0');
            }
        }, password);
    }

    /**
     * Checks a password off the caller's thread; clears the array when done. With no stored hash
     * (an unknown name), checks against a decoy and answers false.
     */
    public CompletableFuture<Boolean> verify(char[] password, String storedHash) {
        if (storedHash == null) {
            return decoy.thenCompose(d -> verify(password, d)).thenApply(ignored -> false);
        }
        return submit(() -> {
            try {
                return hasher.verify(password, storedHash);
            } finally {
                Arrays.fill(password, '\0');
            }
        }, password);
    }

    /** Whether a stored hash is weaker than what this server makes now (fewer iterations). */
    public boolean needsRehash(String storedHash) {
        return hasher.needsRehash(storedHash);
    }

    private <T> CompletableFuture<T> submit(Supplier<T> work, char[] password) {
        try {
            return CompletableFuture.supplyAsync(work, workers);
        } catch (RejectedExecutionException e) {
            Arrays.fill(password, '\0');
            return CompletableFuture.failedFuture(new RejectedExecutionException(
                    "the server is busy checking passwords; try again in a moment"));
        }
    }

    /**
     * Before checking a password typed from {@code address}: a refusal to show, or empty when the
     * check may go ahead (then {@link #endCheck} must follow). Loop only.
     */
    public Optional<String> beginCheck(String address) {
        Optional<Duration> locked = failedChecks.lockedFor(address);
        if (locked.isPresent()) {
            return Optional.of("Too many failed password checks from your address. Try again in "
                    + Math.max(1, locked.get().toSeconds()) + " seconds.");
        }
        if (!checking.add(address)) {
            return Optional.of("Another password from your address is being checked; try again in a moment.");
        }
        return Optional.empty();
    }

    /** After a check begun with {@link #beginCheck}: records how it went. Loop only. */
    public void endCheck(String address, boolean correct) {
        checking.remove(address);
        if (correct) {
            failedChecks.recordSuccess(address);
        } else {
            failedChecks.recordFailure(address);
        }
    }

    /** Whether {@code address} is locked out right now (checked again when a check succeeds). */
    public boolean lockedOut(String address) {
        return failedChecks.lockedFor(address).isPresent();
    }

    /**
     * Before creating an account from {@code address}: a refusal to show, or empty. Each creation
     * counts; a few in a short time lock the address out of creating more for a while. Loop only.
     */
    public Optional<String> beginCreate(String address) {
        if (creations == null) {
            return Optional.empty();
        }
        Optional<Duration> locked = creations.lockedFor(address);
        if (locked.isPresent()) {
            return Optional.of("Too many accounts were created from your address. Try again in "
                    + Math.max(1, locked.get().toSeconds()) + " seconds.");
        }
        creations.recordFailure(address);
        return Optional.empty();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}

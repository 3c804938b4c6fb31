package dev.cantrip.sandbox;

import dev.cantrip.repl.ClassGate;
import dev.cantrip.repl.RunBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A sandbox tier: the classes and members snippet code may use, and its budgets, read from a
 * policy file (see {@code sandbox/README.md} for the syntax) on top of the sandbox's base policy,
 * which no tier can undo: no threads, no reflection, no exiting, no files, network or processes.
 *
 * <p>{@link #gate()} is the {@link ClassGate} to give the engine: it refuses a class that uses
 * anything the tier does not allow, naming it, and rewrites the JDK calls that could run long inside
 * the JDK to their limited stand-ins ({@code dev.cantrip.sandbox.facade}). {@link #budget()} is the
 * engine's {@link RunBudget}.
 */
public final class Tier {

    private static final String BASE = readBase();

    private final String name;
    private final RunBudget budget;
    private final RunBudget asyncBudget;
    private final Duration compileBudget;
    private final long retainedBytes;
    private final Verifier verifier;

    /** The compile budget of a tier file that gives none. */
    public static final Duration DEFAULT_COMPILE_BUDGET = Duration.ofSeconds(10);

    /** What a session may keep between evaluations when its tier file does not say: 256 MiB. */
    public static final long DEFAULT_RETAINED = 256L << 20;

    private Tier(String name, RunBudget budget, RunBudget asyncBudget, Duration compileBudget, long retainedBytes,
                 Policy policy) {
        this.name = name;
        this.budget = budget;
        this.asyncBudget = asyncBudget;
        this.compileBudget = compileBudget;
        this.retainedBytes = retainedBytes;
        this.verifier = new Verifier(policy);
    }

    /**
     * Reads a tier from policy text.
     *
     * @param name the tier's name, used in messages ("not allowed in the builder tier")
     * @param source where the text came from, for messages ("builder.policy")
     * @param policyText the tier's rules and budgets
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public static Tier parse(String name, String source, String policyText) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(policyText, "policyText");
        PolicyFile.Contents base = PolicyFile.parse("base.policy", BASE, RunBudget.defaults());
        PolicyFile.Contents tier = PolicyFile.parse(source, policyText, RunBudget.defaults());
        for (Policy.Rule r : tier.rules()) {
            if (r.effect() == Policy.Effect.NEVER || r.effect() == Policy.Effect.ENGINE) {
                throw new IllegalArgumentException(r.source() + ": '" + r.effect().name().toLowerCase(java.util.Locale.ROOT)
                        + "' belongs to the base policy; a tier file has allow, deny and budget");
            }
        }
        if (!tier.bootstrapSources().isEmpty()) {
            throw new IllegalArgumentException(tier.bootstrapSources().getFirst()
                    + ": 'bootstrap' belongs to the base policy; a tier file has allow, deny and budget");
        }
        RunBudget async = tier.budget()
                .withCpu(tier.asyncCpu() == null ? tier.budget().cpu() : tier.asyncCpu())
                .withWall(tier.asyncWall() == null ? tier.budget().wall() : tier.asyncWall());
        Duration compile = tier.compileCpu() == null ? DEFAULT_COMPILE_BUDGET : tier.compileCpu();
        long retained = tier.retained() == null ? DEFAULT_RETAINED : tier.retained();
        return new Tier(name, tier.budget(), async, compile, retained,
                new Policy(name, base.rules(), tier.rules(), base.bootstraps()));
    }

    public String name() {
        return name;
    }

    /** What one evaluation in this tier may use. */
    public RunBudget budget() {
        return budget;
    }

    /**
     * The budget of background work ({@code runAsync}): the tier's, with its own CPU and wall time
     * ({@code budget async-cpu}, {@code budget async-wall}; the same as the tier's when not given).
     */
    public RunBudget asyncBudget() {
        return asyncBudget;
    }

    /**
     * The CPU time compiling one input may take ({@code budget compile}; {@link #DEFAULT_COMPILE_BUDGET}
     * when not given): the engine's {@code EngineConfig.compileCpu()}.
     */
    public Duration compileBudget() {
        return compileBudget;
    }

    /**
     * What one session may keep between evaluations ({@code budget retained}): its variables' values,
     * measured after each evaluation; past it, the variables that put it over are dropped.
     */
    public long retainedBytes() {
        return retainedBytes;
    }

    /** Checks and rewrites every snippet class against this tier; one per tier, shared by its instances. */
    public ClassGate gate() {
        return verifier;
    }

    @Override
    public String toString() {
        return "Tier[" + name + ", " + budget + "]";
    }

    private static String readBase() {
        try (InputStream in = Tier.class.getResourceAsStream("base.policy")) {
            if (in == null) {
                throw new IllegalStateException("the sandbox's base.policy is missing from its jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

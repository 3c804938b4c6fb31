package dev.cantrip.scripting;

import dev.cantrip.repl.Call;
import dev.cantrip.repl.CallOutcome;
import dev.cantrip.repl.OutcomeText;
import dev.cantrip.repl.ReplEngine;
import dev.cantrip.repl.RunBudget;
import dev.cantrip.repl.SnippetOutcome;
import dev.cantrip.tasks.Task;
import dev.cantrip.tasks.TaskOwner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A task's action when a snippet scheduled it: the snippet's lambda, called as a run of its own
 * under its owner's tier budget, in time slices on the game loop (each turn a step of the game's
 * own, so what it changes is durable before anyone is told). What it threw, or why it was
 * stopped, is told to its owner (at their next login if they are away) and logged.
 */
final class SnippetCallback implements Runnable {

    private static final System.Logger LOG = System.getLogger(SnippetCallback.class.getName());

    private final JavaService java;
    private final TaskOwner owner;
    private final ReplEngine engine;
    private final RunBudget budget;
    private final Object lambda;
    private final Callable<?> invoke;
    private Task task; // set right after scheduling, before the loop can run it

    SnippetCallback(JavaService java, TaskOwner owner, ReplEngine engine, RunBudget budget, Object lambda,
                    Callable<?> invoke) {
        this.java = java;
        this.owner = owner;
        this.engine = engine;
        this.budget = budget;
        this.lambda = lambda;
        this.invoke = invoke;
    }

    void task(Task t) {
        this.task = t;
    }

    @Override
    public void run() {
        run(java, owner, engine, budget, lambda, invoke, "Your task #" + task.id() + " (" + task.kind().word() + ")",
                task.source());
    }

    /**
     * Runs {@code lambda} through {@code invoke} as a callback of {@code owner}'s: on the loop, in
     * time slices, under {@code budget}; tells the owner what it threw or why it was stopped.
     *
     * @param what names it in what the owner is told ("Your task #3 (delay)")
     * @param source the source to show beside a failure
     */
    static void run(JavaService java, TaskOwner owner, ReplEngine engine, RunBudget budget, Object lambda,
                    Callable<?> invoke, String what, String source) {
        String refused = java.mayNotUseJava(owner.accountId());
        if (refused != null) {
            java.tell(owner, what + " did not run: " + refused + ".");
            return;
        }
        if (java.stuck(owner.accountId())) {
            java.tell(owner, what + " did not run: your last snippet is still running inside the JDK, where it"
                    + " cannot be stopped.");
            return;
        }
        java.whenCallbackSlotFree(owner, what, () -> {
            @SuppressWarnings("unchecked")
            Call<Object> call = engine.call(lambda, (Callable<Object>) invoke, java.callbackRunner(owner, budget.wall()),
                    budget);
            java.started(owner, call, outcome -> report(java, owner, outcome, what, source));
        });
    }

    /** Tells {@code owner} how a call ended, unless it simply returned. Loop only. */
    static void report(JavaService java, TaskOwner owner, CallOutcome<?> outcome, String what, String source) {
        switch (outcome) {
            case CallOutcome.Returned<?> r -> { }
            case CallOutcome.Threw<?> threw -> {
                List<String> lines = new ArrayList<>();
                lines.add(what + " threw:");
                OutcomeText.lines(new SnippetOutcome.Thrown(source, threw.failure())).forEach(l -> lines.add("  " + l));
                LOG.log(System.Logger.Level.INFO, "{0} of {1} threw {2}", what, owner.name(), threw.failure().type());
                java.tell(owner, String.join("\n", lines));
            }
            case CallOutcome.Stopped<?> stopped -> {
                LOG.log(System.Logger.Level.INFO, "{0} of {1} was stopped: {2}", what, owner.name(), stopped.reason());
                java.tell(owner, what + " was stopped: " + stopped.reason() + ".");
            }
        }
    }
}

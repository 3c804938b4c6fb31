package dev.cantrip.scripting;

import dev.cantrip.repl.CallOutcome;
import dev.cantrip.repl.OutcomeText;
import dev.cantrip.repl.ReplEngine;
import dev.cantrip.repl.RunBudget;
import dev.cantrip.repl.SnippetOutcome;
import dev.cantrip.tasks.AdmittedAction;
import dev.cantrip.tasks.Task;
import dev.cantrip.tasks.TaskOwner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A task's action when a snippet scheduled it: the snippet's lambda, called as a run of its own
 * under its owner's tier budget, in time slices on the game loop (each turn a step of the game's
 * own, so what it changes is durable before anyone is told). What it threw, or why it was
 * stopped, is told to its owner (at their next login if they are away) and logged.
 *
 * <p>It is admitted before it runs ({@link AdmittedAction}): the scheduler asks for one of the
 * callback slots when the task comes due, and the task stays pending (and on disk, if persistent)
 * until the slot is its, then runs in that slot.
 */
final class SnippetCallback implements AdmittedAction {

    private static final System.Logger LOG = System.getLogger(SnippetCallback.class.getName());

    private final JavaService java;
    private final TaskOwner owner;
    private final ReplEngine engine;
    private final RunBudget budget;
    private final Object lambda;
    private final Callable<?> invoke;
    private Task task; // set right after scheduling, before the loop can run it
    private JavaService.CallbackSlot slot; // granted and not used yet

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

    private String what() {
        return "Your task #" + task.id() + " (" + task.kind().word() + ")";
    }

    @Override
    public Request requestAdmission(Consumer<Admission> decided) {
        return java.requestCallbackSlot(owner, what(), granted -> {
            slot = granted;
            decided.accept(new Admission.Granted(() -> {
                if (slot == granted) {
                    slot = null;
                }
                java.giveBack(granted);
            }));
        }, reason -> decided.accept(new Admission.Refused(reason)));
    }

    @Override
    public void run() {
        JavaService.CallbackSlot granted = slot;
        slot = null;
        if (granted == null) {
            run(java, owner, engine, budget, lambda, invoke, what(), task.source()); // not admitted: waits for a slot
            return;
        }
        // Its owner was checked as the slot was granted (may use java, no run stuck inside the JDK),
        // not again after the few milliseconds its removal took to write: a persistent task's
        // removal is durable now, and holding it back would lose it.
        start(java, granted, owner, engine, budget, lambda, invoke, what(), task.source());
    }

    /**
     * Runs {@code lambda} through {@code invoke} as a callback of {@code owner}'s that is not a
     * task's (runAsync's onReturn or onError, a flow's): on the loop once a callback slot is free,
     * in time slices, under {@code budget}; tells the owner what it threw or why it was stopped, or
     * why it did not run.
     *
     * @param what names it in what the owner is told ("Your task #3 (async) onReturn")
     * @param source the source to show beside a failure
     */
    static void run(JavaService java, TaskOwner owner, ReplEngine engine, RunBudget budget, Object lambda,
                    Callable<?> invoke, String what, String source) {
        java.whenCallbackSlotFree(owner, what, granted -> start(java, granted, owner, engine, budget, lambda, invoke,
                what, source));
    }

    /** Starts the call in {@code slot}, which its end gives back. Loop only. */
    private static void start(JavaService java, JavaService.CallbackSlot slot, TaskOwner owner, ReplEngine engine,
                              RunBudget budget, Object lambda, Callable<?> invoke, String what, String source) {
        @SuppressWarnings("unchecked")
        Callable<Object> call = (Callable<Object>) invoke;
        java.startCall(slot, engine, lambda, call, budget, outcome -> report(java, owner, outcome, what, source));
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

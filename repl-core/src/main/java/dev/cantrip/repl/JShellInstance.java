package dev.cantrip.repl;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.StatementSnippet;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * One JShell with its own loader, streams and execution control, built and warmed (bindings
 * declared, startup evaluated) before any session uses it. Not thread-safe: its session's worker
 * uses it one call at a time.
 */
final class JShellInstance {

    private final EngineConfig config;
    private final ScheduledExecutorService watchdog;
    private final SessionIO io;
    private final RunGuard guard;
    private final SnippetLoader loader;
    private final SnippetExecutionControl control;
    private final JShell shell;
    private final Outcomes outcomes;
    private final BindingFields bindingFields = new BindingFields();
    private final SnippetSources sources = new SnippetSources();
    // The engine's own snippets, by identity: a user's declaration of the same name is a new Snippet.
    private final Set<Snippet> startupSnippets = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    // Each user variable's static field, latest declaration wins: to carry values to a fresh instance.
    private final Map<String, Field> varFields = new HashMap<>();
    // Snippet classes whose static initializer has run, in that order (told by the rewritten code):
    // their static fields are part of what the session keeps.
    private final Set<Class<?>> initialized = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());
    private int evaluated;
    // Why this instance must be replaced before the next evaluation (null: it need not be): a run
    // was given up while stuck inside the JDK (its thread may still run this instance's code), or
    // a declaration was refused (JShell is left unsure of later expressions' types: they show as
    // Object after a refused class).
    private String retiredBecause;

    private JShellInstance(EngineConfig config, ScheduledExecutorService watchdog, ClassLoader hostLoader) {
        this.config = config;
        this.watchdog = watchdog;
        this.io = new SessionIO();
        this.loader = new SnippetLoader(hostLoader, config.gate());
        this.control = new SnippetExecutionControl(loader, new ValueRenderer(config.limits()));
        try {
            Class<?> holder = loader.defineEngineClass(SnippetHolder.NAME, SnippetHolder.classFile());
            this.guard = RunGuard.install(holder, io);
            holder.getField("inits").set(null, (java.util.function.Consumer<Class<?>>) initialized::add);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not set up the snippet holder class", e);
        }
        loader.owner(new CodeOwner(guard, bindingFields, sources));
        ExecutionControlProvider provider = new ExecutionControlProvider() {
            @Override
            public String name() {
                return "cantrip";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
        PrintStream nowhere = new PrintStream(PrintStream.nullOutputStream());
        this.shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .out(nowhere)
                .err(nowhere)
                .in(java.io.InputStream.nullInputStream())
                .build();
        this.outcomes = new Outcomes(shell, config.hostPackages());
    }

    /**
     * Builds and warms an instance: declares the bindings, evaluates the startup snippets, and runs
     * one expression and one completion so that the first real evaluation is quick.
     *
     * @throws IllegalStateException if a binding or startup snippet does not compile
     */
    static JShellInstance build(EngineConfig config, ScheduledExecutorService watchdog) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        ClassLoader hostLoader = JShellInstance.class.getClassLoader();
        JShellInstance instance;
        try {
            instance = new JShellInstance(config, watchdog, hostLoader);
        } finally {
            t.setContextClassLoader(before); // else the closed instance's loader stays reachable
        }
        try {
            instance.warm();
        } catch (RuntimeException e) {
            instance.close();
            throw e;
        }
        return instance;
    }

    private void warm() {
        addHostClassPath();
        RunContext ctx = context(SnippetRunner.direct());
        control.context(ctx);
        try {
            for (Binding b : config.bindings()) {
                loader.beginRecording();
                Snippet s = startup(b.type().getCanonicalName() + " " + b.name() + ";");
                Field f = loader.loadedSinceBegin().stream()
                        .flatMap(c -> java.util.Arrays.stream(c.getDeclaredFields()))
                        .filter(fd -> fd.getName().equals(b.name()) && Modifier.isStatic(fd.getModifiers()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("binding " + b.name() + " has no field (" + s + ")"));
                bindingFields.put(b.name(), f);
            }
            config.startup().forEach(this::startup);
            for (SnippetEvent e : shell.eval("1 + 1")) {
                shell.drop(e.snippet());
            }
            String probe = config.bindings().isEmpty() ? "Math." : config.bindings().getFirst().name() + ".";
            shell.sourceCodeAnalysis().completionSuggestions(probe, probe.length(), new int[1]);
            shell.snippets().forEach(startupSnippets::add);
        } finally {
            control.context(null);
        }
    }

    /** Lets javac see the binding types when they are not on the process class path. */
    private void addHostClassPath() {
        Set<String> known = new HashSet<>(List.of(System.getProperty("java.class.path", "").split(File.pathSeparator)));
        for (Binding b : config.bindings()) {
            CodeSource cs = b.type().getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) {
                continue;
            }
            try {
                String path = Path.of(cs.getLocation().toURI()).toString();
                if (known.add(path)) {
                    shell.addToClasspath(path);
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // Not a file location: javac cannot use it anyway.
            }
        }
    }

    private Snippet startup(String source) {
        List<SnippetEvent> events = shell.eval(source);
        SnippetEvent primary = events.stream().filter(e -> e.causeSnippet() == null).findFirst()
                .orElseThrow(() -> new IllegalStateException("startup snippet made no snippet: " + source));
        if (!primary.status().isDefined() || primary.exception() != null) {
            List<String> problems = new ArrayList<>();
            outcomes.diagnostics(primary.snippet()).forEach(d -> problems.add(d.message()));
            if (primary.exception() != null) {
                problems.add(String.valueOf(primary.exception()));
            }
            throw new IllegalStateException("startup snippet failed: " + source.strip() + " -> " + problems);
        }
        return primary.snippet();
    }

    /** Gives the instance to a session: where its output goes and where binding values come from. */
    void attach(Map<String, Supplier<?>> values, Consumer<String> output) {
        for (Binding b : config.bindings()) {
            if (!values.containsKey(b.name())) {
                throw new IllegalArgumentException("no value for binding " + b.name());
            }
        }
        bindingFields.values(values);
        io.target(output);
    }

    /**
     * Evaluates every snippet of {@code input} in turn; {@code cancelled} is asked before each, and
     * once it says so (the engine is stopping) the rest is not run.
     */
    Evaluation evaluate(String input, SnippetRunner runner, Consumer<SnippetOutcome> each,
                        java.util.function.BooleanSupplier cancelled) {
        long start = System.nanoTime();
        RunContext ctx = context(runner);
        control.context(ctx);
        List<SnippetOutcome> done = new ArrayList<>();
        try {
            String remaining = input;
            while (!remaining.isBlank()) {
                if (cancelled.getAsBoolean()) {
                    SnippetOutcome skipped = new SnippetOutcome.Stopped(remaining.strip(),
                            "not run: the Java engine is stopping");
                    done.add(skipped);
                    each.accept(skipped);
                    break;
                }
                SourceCodeAnalysis.CompletionInfo ci = shell.sourceCodeAnalysis().analyzeCompletion(remaining);
                String source;
                String rest;
                switch (ci.completeness()) {
                    case EMPTY -> {
                        source = null;
                        rest = "";
                    }
                    case COMPLETE, COMPLETE_WITH_SEMI -> {
                        source = ci.source();
                        rest = ci.remaining();
                    }
                    default -> {
                        // Unfinished or unknown: let the compiler say what is wrong with all of it.
                        source = remaining;
                        rest = "";
                    }
                }
                if (source == null) {
                    break;
                }
                if (rest.length() >= remaining.length()) {
                    source = remaining;
                    rest = "";
                }
                remaining = rest;
                boolean stopped = false;
                for (SnippetOutcome o : evalOne(source, ctx)) {
                    done.add(o);
                    each.accept(o);
                    stopped |= o instanceof SnippetOutcome.Stopped;
                }
                if (stopped && !remaining.isBlank()) {
                    SnippetOutcome skipped = new SnippetOutcome.Stopped(remaining.strip(),
                            "not run: the snippet before it was stopped");
                    done.add(skipped);
                    each.accept(skipped);
                    break;
                }
            }
        } finally {
            control.context(null);
            if (ctx.abandoned()) {
                retiredBecause = "because a run got stuck inside the JDK";
            }
        }
        long total = System.nanoTime() - start;
        return new Evaluation(input, done, java.time.Duration.ofNanos(Math.max(0, total - ctx.runNanos())),
                java.time.Duration.ofNanos(ctx.runNanos()));
    }

    private List<SnippetOutcome> evalOne(String source, RunContext ctx) {
        java.util.Optional<String> folded = ConstantFoldGuard.check(source);
        if (folded.isPresent()) {
            return List.of(new SnippetOutcome.Rejected(source.strip(), folded.get()));
        }
        java.util.Optional<String> nested = PolyNestingGuard.check(source);
        if (nested.isPresent()) {
            return List.of(new SnippetOutcome.Rejected(source.strip(), nested.get()));
        }
        loader.beginRecording();
        ctx.clearStop();
        evaluated++;
        sources.evaluating(source);
        List<SnippetEvent> events;
        try {
            events = shell.eval(source);
        } finally {
            sources.evaluating(null);
        }
        recordVarFields(events);
        recordSources(events);
        List<String> refused = loader.refusedSinceBegin().stream().distinct().toList();
        List<SnippetEvent> primaries = events.stream().filter(e -> e.causeSnippet() == null).toList();
        List<SnippetOutcome> result = new ArrayList<>();
        if (!refused.isEmpty()) {
            // JShell swallows load failures: drop what was defined so it does not linger half-made,
            // and bring back the declarations it replaced, so a refused new version costs nothing.
            primaries.forEach(e -> dropQuietly(e.snippet()));
            restoreReplaced(events, primaries);
            result.add(new SnippetOutcome.Rejected(source.strip(), String.join("; ", refused)));
            if (retiredBecause == null) {
                retiredBecause = ""; // moved quietly: nothing the user needs to know
            }
            return result;
        }
        for (SnippetEvent e : primaries) {
            result.add(outcome(e, events, ctx));
        }
        if (primaries.isEmpty() && !source.isBlank()) {
            // JShell makes no snippet of input that ends inside a comment (and says nothing).
            result.add(new SnippetOutcome.Diagnosed(source.strip(), List.of(SnippetOutcome.Diagnostic.unplaced(
                    "the input ends before it is complete (an unclosed comment, string, brace or parenthesis?)"))));
        }
        return result;
    }

    private SnippetOutcome outcome(SnippetEvent e, List<SnippetEvent> all, RunContext ctx) {
        Snippet sn = e.snippet();
        String source = sn.source().strip();
        boolean keep = sn instanceof DeclarationSnippet && !(sn instanceof VarSnippet v
                && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
        boolean isImport = sn.kind() == Snippet.Kind.IMPORT;
        try {
            if (e.status() == Snippet.Status.REJECTED) {
                return new SnippetOutcome.Diagnosed(source, outcomes.diagnostics(sn));
            }
            if (ctx.stopReason() != null) {
                return new SnippetOutcome.Stopped(source, ctx.stopReason());
            }
            JShellException ex = e.exception();
            if (ex instanceof UnresolvedReferenceException ure) {
                return new SnippetOutcome.Diagnosed(source,
                        List.of(SnippetOutcome.Diagnostic.unplaced(outcomes.unresolvedMessage(ure))));
            }
            if (ex instanceof EvalException ee) {
                return new SnippetOutcome.Thrown(source, outcomes.failure(ee));
            }
            if (ex != null) {
                return new SnippetOutcome.Thrown(source, outcomes.failure(ex));
            }
            if (keep || isImport) {
                DeclarationSnippet d = sn instanceof DeclarationSnippet ds ? ds : null;
                SnippetOutcome.Declaration what = d != null ? outcomes.declaration(d)
                        : new SnippetOutcome.Declaration(SnippetInfo.Kind.IMPORT, Outcomes.name(sn),
                                Outcomes.signature(sn), null);
                boolean replaced = all.stream().anyMatch(o -> o.causeSnippet() == sn
                        && o.status() == Snippet.Status.OVERWRITTEN && Outcomes.name(o.snippet()).equals(what.name()));
                String value = sn.subKind() == Snippet.SubKind.VAR_DECLARATION_WITH_INITIALIZER_SUBKIND ? e.value() : null;
                List<String> unresolved = d != null && e.status() != Snippet.Status.VALID ? outcomes.unresolved(d) : List.of();
                return new SnippetOutcome.Declared(source, what,
                        replaced ? SnippetOutcome.Action.REPLACED : SnippetOutcome.Action.CREATED, value, unresolved,
                        updates(sn, all));
            }
            if (sn instanceof VarSnippet v) {
                return new SnippetOutcome.Value(source, String.valueOf(e.value()), v.typeName());
            }
            if (sn instanceof ExpressionSnippet x) {
                return new SnippetOutcome.Value(source, String.valueOf(e.value()), x.typeName());
            }
            return new SnippetOutcome.Ran(source);
        } finally {
            if (!keep && !isImport) {
                dropQuietly(sn); // no drift: expressions and statements leave nothing behind
            }
        }
    }

    /**
     * Evaluates again the methods, types and imports that the refused snippets overwrote. Variables
     * are not brought back: that would run their initializers a second time.
     */
    private void restoreReplaced(List<SnippetEvent> events, List<SnippetEvent> primaries) {
        for (SnippetEvent e : events) {
            boolean replacedByRefused = primaries.stream().anyMatch(p -> p.snippet() == e.causeSnippet());
            Snippet old = e.snippet();
            if (replacedByRefused && e.status() == Snippet.Status.OVERWRITTEN
                    && (old.kind() != Snippet.Kind.VAR || startupSnippets.contains(old))) {
                reEvaluate(old);
            }
        }
    }

    /**
     * Evaluates an overwritten snippet's source again; an engine snippet stays the engine's (a
     * binding gets its new field). Returns whether it came back defined.
     */
    private boolean reEvaluate(Snippet old) {
        loader.beginRecording();
        List<SnippetEvent> again = shell.eval(old.source());
        if (!loader.refusedSinceBegin().isEmpty()) {
            again.stream().filter(a -> a.causeSnippet() == null).forEach(a -> dropQuietly(a.snippet()));
            return false;
        }
        boolean defined = true;
        for (SnippetEvent a : again) {
            if (a.causeSnippet() != null) {
                continue;
            }
            defined &= a.status().isDefined();
            if (startupSnippets.contains(old)) {
                startupSnippets.add(a.snippet());
                if (a.snippet() instanceof VarSnippet v && bindingFields.contains(v.name())) {
                    staticField(v.name()).ifPresent(f -> bindingFields.put(v.name(), f));
                }
            }
        }
        return defined;
    }

    /** Brings back the engine's snippets that a user's declaration, now dropped, had overwritten. */
    private void restoreStartup() {
        Set<String> active = new HashSet<>();
        shell.snippets().filter(s -> shell.status(s).isActive()).forEach(s -> active.add(Outcomes.signature(s)));
        for (Snippet s : List.copyOf(startupSnippets)) {
            if (shell.status(s) == Snippet.Status.OVERWRITTEN && !active.contains(Outcomes.signature(s))
                    && !(s instanceof VarSnippet v && active.stream().anyMatch(a -> a.endsWith(" " + v.name())))) {
                reEvaluate(s);
            }
        }
    }

    /** Keeps what a kept lambda's description needs: each snippet's source, the declarations and variables now. */
    private void recordSources(List<SnippetEvent> events) {
        boolean declared = false;
        for (SnippetEvent e : events) {
            if (e.status().isDefined()) {
                sources.source(e.snippet().id(), e.snippet().source());
            }
            declared |= !(e.snippet() instanceof ExpressionSnippet || e.snippet() instanceof StatementSnippet
                    || (e.snippet() instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND));
        }
        if (declared) {
            recordDeclarations();
        }
    }

    /** The session's declarations and variables as they are now (after a declaration or a drop). */
    private void recordDeclarations() {
        sources.declarations(shell.snippets()
                .filter(sn -> !startupSnippets.contains(sn) && shell.status(sn).isActive())
                .filter(sn -> sn instanceof ImportSnippet || sn instanceof TypeDeclSnippet || sn instanceof MethodSnippet)
                .map(Snippet::source)
                .toList());
        Map<String, SnippetSources.Variable> vars = new HashMap<>();
        shell.variables().filter(v -> !startupSnippets.contains(v) && shell.status(v).isActive()).forEach(v -> {
            Field f = varFields.get(v.name());
            if (f != null) {
                vars.put(v.name(), new SnippetSources.Variable(v.typeName(), f));
            }
        });
        sources.variables(vars);
    }

    private void recordVarFields(List<SnippetEvent> events) {
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == null && e.snippet() instanceof VarSnippet v
                    && v.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                staticField(v.name()).ifPresent(f -> varFields.put(v.name(), f));
            }
        }
    }

    /** The static field named {@code name} among the classes loaded since recording began. */
    private java.util.Optional<Field> staticField(String name) {
        List<Class<?>> loaded = loader.loadedSinceBegin();
        for (int i = loaded.size() - 1; i >= 0; i--) {
            for (Field f : loaded.get(i).getDeclaredFields()) {
                if (f.getName().equals(name) && Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    return java.util.Optional.of(f);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Why this instance must be replaced before its next evaluation, for the user ("" when there is
     * nothing to tell), or null if it need not be.
     */
    String retiredBecause() {
        return retiredBecause;
    }

    /**
     * Whether this instance has evaluated enough to be replaced: JShell keeps every class it ever
     * compiled (dropped snippets too) and gives them all to each compile, which slows down as they
     * pile up. A fresh instance with the same declarations is as fast as a new one. Moving costs a
     * compile per declaration, so a session with many declarations moves less often: at least ten
     * evaluations per declaration carried.
     */
    boolean worn() {
        if (retiredBecause != null) {
            return true;
        }
        if (evaluated < config.recycleAfter()) {
            return false;
        }
        long declarations = shell.snippets()
                .filter(s -> !startupSnippets.contains(s) && shell.status(s).isActive())
                .count();
        return evaluated >= 10 * declarations;
    }

    /**
     * Gives {@code fresh} this instance's declarations, in order: imports, methods and types as
     * they were typed, variables declared again with their current values (no initializer runs
     * again). Returns what could not be carried over, each with the reason.
     */
    List<String> carryTo(JShellInstance fresh) {
        List<String> lost = new ArrayList<>();
        List<Snippet> mine = shell.snippets()
                .filter(s -> !startupSnippets.contains(s) && shell.status(s).isActive())
                .toList();
        fresh.control.context(fresh.context(SnippetRunner.direct(), () -> { }));
        try {
            for (Snippet s : mine) {
                if (s instanceof VarSnippet v) {
                    carryVariable(v, fresh, lost);
                } else if (!fresh.replay(s.source())) {
                    lost.add(Outcomes.signature(s) + " (it no longer compiles)");
                }
            }
        } finally {
            fresh.control.context(null);
        }
        fresh.recordDeclarations(); // what a callback kept as source may use, as in the old instance
        return lost;
    }

    private void carryVariable(VarSnippet v, JShellInstance fresh, List<String> lost) {
        String declaration = v.typeName() + " " + v.name() + ";";
        fresh.loader.beginRecording();
        if (!fresh.replay(declaration)) {
            lost.add(v.name() + " (its type " + v.typeName() + " cannot be written out again)");
            return;
        }
        Field from = varFields.get(v.name());
        java.util.Optional<Field> to = fresh.staticField(v.name());
        if (from == null || to.isEmpty()) {
            lost.add(v.name() + " (its value could not be found)");
            return;
        }
        fresh.varFields.put(v.name(), to.get());
        try {
            Object value = from.get(null);
            if (holdsOwnObjects(value)) {
                // Their code belongs to this instance, which is going: called later, it would be refused.
                lost.add(v.name() + " (it holds objects of classes you declared, which cannot move; it is null now)");
                return;
            }
            to.get().set(null, value);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            // Typically an object of a class declared in a snippet: the fresh instance has its own.
            lost.add(v.name() + " (its value, an object of a class you declared, cannot move; it is null now)");
        }
    }

    /**
     * Whether a value is, or holds in its arrays, collections and maps (a few levels, a bounded
     * number of elements), an object of a class this instance defined (a lambda too). Walked on the
     * host side: only JDK containers are opened, never a snippet class.
     */
    private boolean holdsOwnObjects(Object value) {
        java.util.ArrayDeque<Object[]> todo = new java.util.ArrayDeque<>();
        todo.add(new Object[] {value, 0});
        int visited = 0;
        while (!todo.isEmpty() && visited++ < 10_000) {
            Object[] next = todo.poll();
            Object v = next[0];
            int depth = (int) next[1];
            if (v == null) {
                continue;
            }
            if (loader.defined(v.getClass())) {
                return true;
            }
            if (depth >= 4 || v.getClass().getClassLoader() != null) {
                continue; // not a JDK container: host objects are the host's
            }
            java.util.function.Consumer<Object> add = o -> todo.add(new Object[] {o, depth + 1});
            if (v instanceof Object[] array) {
                java.util.Arrays.stream(array).limit(1_000).forEach(add);
            } else if (v instanceof java.util.Collection<?> c) {
                c.stream().limit(1_000).forEach(add);
            } else if (v instanceof java.util.Map<?, ?> m) {
                m.entrySet().stream().limit(1_000).forEach(e -> {
                    add.accept(e.getKey());
                    add.accept(e.getValue());
                });
            } else if (v instanceof java.util.Optional<?> o) {
                o.ifPresent(add);
            }
        }
        return false;
    }

    /** Evaluates a declaration during a carry-over; false if it did not come out defined. */
    private boolean replay(String source) {
        loader.beginRecording();
        List<SnippetEvent> events = shell.eval(source);
        return loader.refusedSinceBegin().isEmpty() && events.stream()
                .filter(e -> e.causeSnippet() == null)
                .allMatch(e -> e.status().isDefined() && e.exception() == null);
    }

    /** Other declarations whose usability this snippet changed. */
    private List<SnippetOutcome.Update> updates(Snippet cause, List<SnippetEvent> all) {
        List<SnippetOutcome.Update> out = new ArrayList<>();
        for (SnippetEvent o : all) {
            if (o.causeSnippet() != cause || o.status() == Snippet.Status.OVERWRITTEN
                    || !(o.snippet() instanceof DeclarationSnippet d) || o.status() == o.previousStatus()) {
                continue;
            }
            switch (o.status()) {
                case VALID -> out.add(new SnippetOutcome.Update(outcomes.declaration(d), true, List.of()));
                case RECOVERABLE_DEFINED, RECOVERABLE_NOT_DEFINED ->
                        out.add(new SnippetOutcome.Update(outcomes.declaration(d), false, outcomes.unresolved(d)));
                default -> { }
            }
        }
        return out;
    }

    private void dropQuietly(Snippet s) {
        try {
            if (shell.status(s).isActive()) {
                shell.drop(s);
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Already gone, or never defined: nothing to drop.
        }
    }

    Completeness completeness(String input) {
        return switch (shell.sourceCodeAnalysis().analyzeCompletion(input).completeness()) {
            case EMPTY -> Completeness.EMPTY;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> Completeness.INCOMPLETE;
            default -> Completeness.COMPLETE;
        };
    }

    Completions complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<Completions.Candidate> out = shell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor).stream()
                .map(s -> new Completions.Candidate(s.continuation(), s.matchesType()))
                .filter(c -> !c.text().startsWith("$"))
                .distinct()
                .toList();
        return new Completions(anchor[0], out);
    }

    List<Documentation> documentation(String code, int cursor) {
        return shell.sourceCodeAnalysis().documentation(code, cursor, true).stream()
                .map(d -> new Documentation(d.signature(), d.javadoc()))
                .toList();
    }

    List<SnippetInfo> snippets() {
        return shell.snippets().filter(s -> !startupSnippets.contains(s) && shell.status(s).isActive())
                .map(outcomes::info).toList();
    }

    List<Variable> variables(SnippetRunner runner) {
        RunContext ctx = context(runner);
        control.context(ctx);
        try {
            List<Variable> out = new ArrayList<>();
            shell.variables().filter(v -> shell.status(v).isActive()).forEach(v -> {
                boolean startup = startupSnippets.contains(v);
                boolean binding = startup && bindingFields.contains(v.name());
                if (startup && (!binding || v.name().startsWith("$"))) {
                    return; // the engine's own: hidden bindings and startup variables are not the user's
                }
                String value;
                if (shell.status(v) != Snippet.Status.VALID) {
                    List<String> missing = outcomes.unresolved(v);
                    value = "(cannot be used until " + (missing.isEmpty() ? "its errors are fixed"
                            : String.join(", ", missing) + " declared") + ")";
                } else {
                    try {
                        value = shell.varValue(v);
                    } catch (IllegalStateException | IllegalArgumentException e) {
                        value = "(no value: " + e.getMessage() + ")";
                    }
                }
                out.add(new Variable(v.name(), v.typeName(), value, binding));
            });
            out.sort((a, b) -> Boolean.compare(b.binding(), a.binding()));
            return out;
        } finally {
            control.context(null);
        }
    }

    List<String> imports() {
        return shell.imports().filter(i -> shell.status(i).isActive())
                .map(i -> (i.isStatic() ? "import static " : "import ") + i.fullname()).toList();
    }

    List<SnippetInfo> drop(String name) {
        List<SnippetInfo> dropped = new ArrayList<>();
        shell.snippets()
                .filter(s -> !startupSnippets.contains(s) && shell.status(s).isActive())
                .filter(s -> Outcomes.name(s).equals(name) || (s instanceof DeclarationSnippet d && d.name().equals(name)))
                .toList()
                .forEach(s -> {
                    dropped.add(outcomes.info(s));
                    shell.drop(s);
                    if (s instanceof VarSnippet v) {
                        varFields.remove(v.name());
                    }
                });
        if (!dropped.isEmpty()) {
            restoreStartup();
            recordDeclarations();
        }
        return dropped;
    }

    private RunContext context(SnippetRunner runner) {
        return context(runner, this::refreshBindings);
    }

    private RunContext context(SnippetRunner runner, Runnable beforeRun) {
        return new RunContext(runner, beforeRun, guard, watchdog, config.budget(), config.timeSlice());
    }

    private void refreshBindings() {
        bindingFields.refresh();
    }

    // ---- what the session keeps between evaluations ----

    // The variables' fields as of the last measure (a field not among them was declared since), and
    // every variable field ever current: a replaced declaration's old class still holds its value.
    private final Set<Field> measuredVarFields = new HashSet<>();
    private final Set<Field> everVarFields = java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>());
    // The static fields of snippet classes as of the last measure.
    private final Set<Field> measuredStaticFields = new HashSet<>();
    private static final String REPLACED = " replaced";

    /**
     * Measures what this instance's variables and the static fields of its classes hold
     * ({@link RetainedSize}) and, past {@code limit}, lets go of what put it over: first the values
     * of variables and classes it replaced (the user cannot reach them any more), then what was
     * declared or initialized since the last measure (variable names not in {@code measuredNames},
     * which it updates), largest first, then the rest, largest first, until it is within the limit.
     * A static field is let go by setting it to null (a final one cannot be: the caller then clears
     * the whole state). Says in the result whether that was not enough. Runs no snippet code.
     *
     * <p>Static fields are read only of classes whose initializer has run ({@link SnippetRewriter}
     * tells): reading another would initialize it outside a run. Not measured: values held only by
     * pending callbacks.
     */
    Retained keepWithin(long limit, int maxVisits, Set<String> measuredNames) {
        Map<String, Field> current = new java.util.LinkedHashMap<>();
        shell.variables().filter(v -> !startupSnippets.contains(v) && shell.status(v).isActive()).forEach(v -> {
            Field f = varFields.get(v.name());
            if (f != null && !f.getType().isPrimitive()) {
                current.put(v.name(), f);
            }
        });
        everVarFields.addAll(current.values());
        List<Field> replaced = new ArrayList<>(everVarFields.stream()
                .filter(f -> !current.containsValue(f) && !f.getType().isPrimitive()).toList());
        Map<String, Field> statics = new java.util.LinkedHashMap<>();
        staticFields(statics, replaced);
        RetainedSize walker = new RetainedSize(loader::defined, maxVisits);
        RetainedSize.Result first = walker.measure(roots(current, statics, replaced));
        long took = first.nanos();
        RetainedSize.Result now = first;
        List<String> dropped = new ArrayList<>();
        if (first.bytes() > limit) {
            if (first.byRoot().getOrDefault(REPLACED, 0L) > 0) {
                replaced.forEach(f -> write(f, null));
            }
            Map<String, Long> fresh = new java.util.LinkedHashMap<>();
            Map<String, Long> old = new java.util.LinkedHashMap<>();
            // New: a name not there at the last measure (kept by the session, across a move to a fresh
            // instance), or declared again since this instance's last measure.
            current.forEach((name, f) -> (measuredNames.contains(name)
                    && (measuredVarFields.isEmpty() || measuredVarFields.contains(f)) ? old : fresh)
                    .put(name, first.byRoot().getOrDefault(name, 0L)));
            statics.forEach((name, f) -> (measuredStaticFields.contains(f) ? old : fresh)
                    .put(name, first.byRoot().getOrDefault(name, 0L)));
            long left = first.bytes() - first.byRoot().getOrDefault(REPLACED, 0L);
            for (Map<String, Long> group : List.of(fresh, old)) {
                for (String name : RetainedSize.largestFirst(group)) {
                    if (left <= limit) {
                        break;
                    }
                    long share = group.get(name);
                    Field f = current.get(name);
                    if (f != null) {
                        dropVariable(name, f);
                        current.remove(name);
                    } else if (!Modifier.isFinal(statics.get(name).getModifiers())) {
                        write(statics.get(name), null);
                    } else {
                        continue; // held for as long as its class: only clearing the state lets it go
                    }
                    dropped.add(name + " (" + RetainedSize.describe(share) + ")");
                    left -= share;
                }
            }
            // Measured again: what was shared between a dropped variable and a kept one is still held.
            now = walker.measure(roots(current, statics, List.of()));
            took += now.nanos();
        }
        measuredVarFields.clear();
        measuredVarFields.addAll(current.values());
        measuredStaticFields.clear();
        measuredStaticFields.addAll(statics.values());
        measuredNames.clear();
        measuredNames.addAll(current.keySet());
        return new Retained(now.bytes(), first.bytes(), limit, first.exact(), first.visits() + (now == first ? 0 : now.visits()),
                java.time.Duration.ofNanos(took), dropped, now.bytes() > limit);
    }

    private static Map<String, Object> roots(Map<String, Field> variables, Map<String, Field> statics, List<Field> replaced) {
        Map<String, Object> roots = new java.util.LinkedHashMap<>();
        variables.forEach((name, f) -> roots.put(name, read(f)));
        statics.forEach((name, f) -> roots.put(name, read(f)));
        roots.put(REPLACED, replaced.stream().map(JShellInstance::read).toArray());
        return roots;
    }

    /**
     * The reference-typed static fields of the snippet classes this instance has initialized, by the
     * name the user wrote ({@code K.list}); those of a class declared again since (an older {@code K})
     * go to {@code replaced}. JShell's own wrapper classes (which hold the variables) are left out.
     */
    private void staticFields(Map<String, Field> current, List<Field> replaced) {
        List<Class<?>> classes;
        synchronized (initialized) {
            classes = new ArrayList<>(initialized);
        }
        // Each declaration is compiled into a new wrapper ($JShell$14, $JShell$14B): of two classes the
        // user calls K, the one defined later is the one their code now means.
        Map<String, Class<?>> newest = new HashMap<>();
        for (Class<?> c : classes) {
            String name = userClassName(c);
            if (name != null) {
                newest.merge(name, c, (a, b) -> loader.definedBefore(a, b) ? b : a);
            }
        }
        for (Class<?> c : classes) {
            String name = userClassName(c);
            if (name == null) {
                continue;
            }
            Field[] fields;
            try {
                fields = c.getDeclaredFields();
            } catch (LinkageError e) {
                continue;
            }
            for (Field f : fields) {
                if (Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive() && !f.isSynthetic()) {
                    if (newest.get(name) == c) {
                        current.put(name + "." + f.getName(), f);
                    } else {
                        replaced.add(f);
                    }
                }
            }
        }
    }

    private static final String WRAPPER = "REPL.$JShell$";

    /**
     * A snippet class's name as its user wrote it ({@code K}, {@code K.Inner}); null for JShell's
     * wrapper classes themselves (whose fields are the variables) and anything not named like a
     * snippet class.
     */
    private static String userClassName(Class<?> c) {
        String n = c.getName();
        int dollar = n.startsWith(WRAPPER) ? n.indexOf('$', WRAPPER.length()) : -1;
        return dollar < 0 || dollar == n.length() - 1 ? null : n.substring(dollar + 1).replace('$', '.');
    }

    private void dropVariable(String name, Field f) {
        shell.variables().filter(v -> v.name().equals(name) && !startupSnippets.contains(v) && shell.status(v).isActive())
                .toList().forEach(this::dropQuietly);
        varFields.remove(name);
        write(f, null); // JShell keeps the old class, and with it the value, after a drop
        restoreStartup();
        recordDeclarations();
    }

    private static Object read(Field f) {
        try {
            f.setAccessible(true);
            return f.get(null);
        } catch (IllegalAccessException | RuntimeException | LinkageError e) {
            return null; // a class whose initializer failed holds nothing the user can reach
        }
    }

    private static void write(Field f, Object value) {
        try {
            f.setAccessible(true);
            f.set(null, value);
        } catch (IllegalAccessException | RuntimeException | LinkageError e) {
            // A final field: its value stays until the instance goes.
        }
    }

    /** Closes the JShell and lets go of its compiler state; classes already loaded stay usable. */
    void close() {
        // The streams' target and the binding fields stay: callbacks of this instance's code may
        // still run (CodeOwner); they go when nothing refers to its classes any more.
        try {
            shell.close();
        } finally {
            loader.clear();
        }
    }
}

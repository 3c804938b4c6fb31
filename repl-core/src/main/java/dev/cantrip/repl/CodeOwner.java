package dev.cantrip.repl;

/**
 * What running an instance's code needs after the evaluation that made it: the instance's guard
 * (whose fast lane a run may take), its binding fields, and what it knows of its snippets' sources
 * (to describe a kept lambda as source). Reachable from every class the instance defined (through
 * their loader), and nothing more, so a lambda kept for a callback keeps its instance's classes
 * alive but not its JShell.
 */
record CodeOwner(RunGuard guard, BindingFields bindings, SnippetSources sources) {
}

/**
 * The evaluator: one in-process JShell per session, input split into snippets, results as precise
 * types, completion, pooling and eviction. Knows nothing of games, networks or policy.
 */
package dev.cantrip.repl;

/**
 * The in-game Java console: the {@code java} command, console mode, the meta commands, and what
 * snippets see of the game ({@code self}, {@code here}, {@code obj(id)}, ...). Evaluation itself is
 * {@code repl-core}'s; this package decides where snippet code runs (as steps on the game loop, so
 * its output follows the same "durable before told" rule as every command) and how results read.
 */
package dev.cantrip.scripting;

/**
 * What a game server gives Cantrip so that snippets can run against its world: the world's loop
 * ({@link dev.cantrip.host.WorldLoop}), on which all world code runs one piece at a time and which
 * is lent to a snippet's thread for each of its time slices. Persistent tasks are kept in the
 * host's {@link dev.cantrip.tasks.TaskStore}. The rest of the host interface (the player, bindings,
 * object references, lifecycle events) is gathered here as it is separated from the reference game.
 */
package dev.cantrip.host;

/**
 * Snippet code in turns on the world thread (the game loop): one place makes every runner that
 * runs code in time slices, each turn a step whose changes are durable before anyone is told, and
 * the callers say only how theirs differs ({@link dev.cantrip.turns.WorldTurns#runner}).
 */
package dev.cantrip.turns;

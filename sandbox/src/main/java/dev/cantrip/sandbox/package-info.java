/**
 * What snippet code may do and for how long: tiered policies, bytecode verification and
 * instrumentation, budgets, the watchdog, and the API snippets see. Knows nothing of networks,
 * telnet or accounts.
 */
package dev.cantrip.sandbox;

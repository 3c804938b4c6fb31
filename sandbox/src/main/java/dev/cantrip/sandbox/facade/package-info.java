/**
 * Stand-ins for JDK calls that could run long, or allocate much, inside the JDK where no budget
 * check reaches: the sandbox's verifier rewrites snippet calls to them. Each does what the JDK call
 * does, within limits (a regular expression matches over input that checks the run's budget as it
 * is read; a {@code BigInteger} power too large to compute is refused up front), and says what was
 * refused and why. Public because rewritten snippet code calls them; not for host code.
 */
package dev.cantrip.sandbox.facade;

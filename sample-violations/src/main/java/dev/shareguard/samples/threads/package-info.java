/**
 * Samples for the {@code threads} pack: shared state written from several threads.
 *
 * <p>One file per scenario. Each file holds the buggy class, {@code Unsafe}, and the fixed class,
 * {@code Safe}, as nested static classes, with the records and interfaces they use beside them.
 * Every expected finding is marked on the line before it with Error Prone's diagnostic marker
 * comment naming the rule; the {@code Safe} classes must produce no finding at all.
 */
package dev.shareguard.samples.threads;

/**
 * Samples for the {@code copies} pack: shallow copies of nested mutable values, live views handed
 * out as snapshots, clones that share state, and serialization round trips that drop state. Each
 * file has the bug and its fix side by side; the plugin and the CLI must report exactly the marked
 * lines.
 */
package dev.shareguard.samples.copies;

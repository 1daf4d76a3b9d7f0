/**
 * Samples for the {@code values} pack: updates made to copies of map-held values that never reach
 * the map, changes to returned copies and unmodifiable collections, and hash keys changed in
 * place. Each file has the bug and its fix side by side.
 */
package dev.shareguard.samples.values;

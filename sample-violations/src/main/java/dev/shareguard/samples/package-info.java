/**
 * Realistic programs with the concurrency and copy bugs Shareguard finds, bad and good side by
 * side. Each expected finding is marked on the line before it with {@code // BUG: Diagnostic
 * contains: RuleName}; every unmarked finding is a failure.
 */
package dev.shareguard.samples;

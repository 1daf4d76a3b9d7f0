/**
 * Samples for the {@code operators} pack: a small Kubernetes operator (a reconciler on the Java
 * Operator SDK, an informer event handler and a lister-backed helper on fabric8) that changes
 * objects of the shared informer cache in place. Each file has the bug and its fix side by side.
 */
package dev.shareguard.samples.operators;

/**
 * Internals of the feature job: linked-account clusters (connected components maintained
 * incrementally with union-find) and the single-parallelism graph operator.
 */
package io.woolguard.stream.graph;

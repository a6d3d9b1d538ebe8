/**
 * Live velocity counters: bucketed sliding windows on event time, updated synchronously by every
 * decision so that a burst sees itself before the feature stream catches up. Memory is bounded.
 */
package io.woolguard.core.internal.velocity;

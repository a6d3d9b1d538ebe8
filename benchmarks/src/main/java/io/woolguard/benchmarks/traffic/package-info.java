/**
 * The traffic model: seeded, realistic mixed storefront traffic (CONTRACT §1) of legit users and
 * coupon-abuse farms, with skewed (Zipf-like) entity popularity. {@link
 * io.woolguard.benchmarks.traffic.TrafficModel} is the entry point; the JMH benchmarks, the load
 * generator and the stream benchmark all draw their events from it, so every figure is measured on
 * the same kind of traffic.
 */
package io.woolguard.benchmarks.traffic;

/**
 * The HTTP load generator: drives a running risk-server's {@code POST /v1/decisions} (and the
 * benchmark-only {@code POST /bench/echo}) over loopback with traffic from the
 * {@link io.woolguard.benchmarks.traffic.TrafficModel}, closed loop (flat out) or open loop (fixed
 * rate, latency from the intended send time), and reports throughput, latency percentiles, status
 * codes and decision outcomes against the ground truth. Entry point:
 * {@link io.woolguard.benchmarks.load.LoadGenerator}.
 */
package io.woolguard.benchmarks.load;

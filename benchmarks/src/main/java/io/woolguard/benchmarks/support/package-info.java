/** Small helpers the benchmarks share (temporary data directories). */
package io.woolguard.benchmarks.support;

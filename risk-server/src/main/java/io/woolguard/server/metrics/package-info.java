/** Micrometer meters for decisions, rules, degradation and the stream, scraped on {@code /prometheus}. */
package io.woolguard.server.metrics;

/** The engine itself: decide, explain, ingest and label, wired from the stores, counters, lists and rules. */
package io.woolguard.core.internal.engine;

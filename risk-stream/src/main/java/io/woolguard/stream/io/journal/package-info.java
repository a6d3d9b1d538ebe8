/**
 * Internals of the event journal: the on-disk segment and record format, a tailing reader, and the
 * in-JVM registry through which a Flink source finds the live journal it reads. Not public API.
 */
package io.woolguard.stream.io.journal;

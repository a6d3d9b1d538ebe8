/**
 * Drools internals of risk-rules: expanding decision tables, the sandbox that checks a pack
 * against an allow-list before it is compiled, compiling with Drools' knowledge builder, and the
 * bounded evaluation of a compiled pack. Nothing here is API.
 */
package io.woolguard.rules.internal;

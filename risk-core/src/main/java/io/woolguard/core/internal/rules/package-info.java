/**
 * The ruleset registry: versions, persistence, audit, and the atomic snapshot every decision reads
 * exactly once, which is what makes hot swaps safe without a lock on the decide path.
 */
package io.woolguard.core.internal.rules;

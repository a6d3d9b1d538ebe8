/**
 * The seam between the engine (risk-core) and a rule technology (risk-rules: Drools). The engine
 * finds a {@link io.woolguard.core.spi.RulePackCompiler} through {@link java.util.ServiceLoader}
 * (or is given one), compiles packs into {@link io.woolguard.core.spi.CompiledRules} and asks them
 * for {@link io.woolguard.core.spi.RuleHit}s. Nothing here knows Drools.
 */
package io.woolguard.core.spi;

/**
 * The engine's implementation. Nothing here is API: embedders use {@link io.woolguard.core.RiskEngine}
 * and {@link io.woolguard.core.RiskEngineBuilder}; these classes may change in any release.
 */
package io.woolguard.core.internal;

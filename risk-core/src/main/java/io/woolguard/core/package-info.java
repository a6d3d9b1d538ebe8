/**
 * Woolguard's public API: the event and decision values of the contract, the {@link
 * io.woolguard.core.RiskEngine} an application embeds, and the values it manages (lists, labels,
 * rulesets, features). No framework types appear here.
 */
package io.woolguard.core;

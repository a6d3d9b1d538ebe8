/**
 * Woolguard's rules: {@link io.woolguard.rules.RulePacks} loads rule packs,
 * {@link io.woolguard.rules.DroolsRulePackCompiler} compiles them with Drools behind a sandbox,
 * and {@link io.woolguard.rules.Event}, {@link io.woolguard.rules.Features} and
 * {@link io.woolguard.rules.Hits} are what rules see and report through (the analyst's guide is
 * {@code docs/RULES.md}).
 */
package io.woolguard.rules;

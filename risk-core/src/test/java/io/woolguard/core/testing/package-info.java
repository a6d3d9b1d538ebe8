/**
 * Test support shared through risk-core's test jar: a tiny real rule language ({@link
 * io.woolguard.core.testing.LineRulesCompiler}, registered as a service) and a hand-moved clock.
 */
package io.woolguard.core.testing;

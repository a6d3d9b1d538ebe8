/**
 * Backtests over HTTP: an analyst asks what a stored ruleset version would have decided on the
 * decisions of a period; the job runs in the background, one at a time, and its progress and report
 * are read back by id.
 */
package io.woolguard.server.backtest;

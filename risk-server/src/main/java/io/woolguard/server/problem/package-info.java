/** Errors as {@code application/problem+json}: the problem value, the exceptions controllers throw, their handlers. */
package io.woolguard.server.problem;

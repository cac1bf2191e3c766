package sentry.api.transport;

import org.jspecify.annotations.Nullable;

/**
 * What Sentry answered to one envelope.
 *
 * @param status the HTTP status code
 * @param retryAfter the {@code Retry-After} header value, or null when absent
 * @param rateLimits the {@code X-Sentry-Rate-Limits} header value, or null when absent
 */
public record TransportResponse(int status, @Nullable String retryAfter, @Nullable String rateLimits) {}

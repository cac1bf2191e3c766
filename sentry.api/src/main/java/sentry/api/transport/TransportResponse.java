package sentry.api.transport;

/**
 * What Sentry answered to one envelope.
 *
 * @param status the HTTP status code
 * @param retryAfter the {@code Retry-After} header value, or null when absent
 * @param rateLimits the {@code X-Sentry-Rate-Limits} header value, or null when absent
 */
public record TransportResponse(int status, String retryAfter, String rateLimits) {}

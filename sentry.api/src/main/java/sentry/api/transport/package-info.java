/**
 * The transport SPI: how envelopes reach Sentry. {@code sentry.core} finds every
 * {@link sentry.api.transport.TransportProvider} with {@link java.util.ServiceLoader} and sends
 * through the one with the highest {@link sentry.api.transport.TransportProvider#priority()};
 * a provider of your own (a test double, a special network) wins over the SDK's, whose
 * priorities are below {@link sentry.api.transport.TransportProvider#SDK_PRIORITY_CEILING}.
 * The SDK decides what to send, when to retry and what an answer means; a transport only moves
 * bytes and reports what came back. Nulls as in {@code sentry.api}: none unless marked
 * {@code @Nullable}.
 */
@NullMarked
package sentry.api.transport;

import org.jspecify.annotations.NullMarked;

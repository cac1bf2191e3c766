/**
 * What the SDK's two transports share, and that is not API: nothing here is for applications,
 * and any of it may change in any release. {@code sentry.api} exports this package only to
 * {@code sentry.transport.httpcore} and {@code sentry.transport.jdk}, by name.
 *
 * <p>Both keep the same promises (the endpoint check, proxy credentials, the response deadline,
 * a close that waits for what is in flight), so the code that keeps them lives here once.
 */
package sentry.api.transport.internal;

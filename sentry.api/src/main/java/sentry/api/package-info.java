/**
 * The public API: the {@link sentry.api.Sentry} facade, hubs, scopes, the event model and options.
 *
 * <p>Nulls: no parameter or return value is null unless marked {@code @Nullable}. A configuration
 * call given null where none is allowed ({@code setTag(null, "v")}, {@code configureScope(null)},
 * {@code flush(null)}) throws {@link java.lang.NullPointerException} at once, naming the parameter;
 * a capture call ({@code captureException}, {@code captureMessage}, {@code captureEvent},
 * {@code addBreadcrumb}) never throws: given null it does nothing, returns {@link
 * sentry.api.SentryId#EMPTY} and counts the drop. See {@link sentry.api.Sentry}.
 */
@NullMarked
package sentry.api;

import org.jspecify.annotations.NullMarked;

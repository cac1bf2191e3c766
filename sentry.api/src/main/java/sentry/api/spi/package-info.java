/**
 * The service the API finds its implementation through; exported to {@code sentry.core} only.
 * Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package sentry.api.spi;

import org.jspecify.annotations.NullMarked;

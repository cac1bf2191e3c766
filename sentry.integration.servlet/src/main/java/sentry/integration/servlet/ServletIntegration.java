package sentry.integration.servlet;

import java.util.Arrays;
import java.util.Set;
import sentry.api.Integration;
import sentry.api.IntegrationContext;
import sentry.api.MaxRequestBodySize;
import sentry.api.internal.WebRequests;

/**
 * The integration behind {@link SentryServletFilter}, found by the service loader; it holds the
 * filter's options. The filter looks for it in the current client on every request: when the SDK
 * is not initialised, or this integration was left out ({@code addDisabledIntegration("servlet")}
 * or {@code setDefaultIntegrations(false)} without adding it back), the filter passes straight
 * through.
 *
 * <pre>{@code
 * Sentry.init(options -> options.addIntegration(new ServletIntegration()
 *     .withMaxRequestBodySize(MaxRequestBodySize.SMALL)
 *     .withFailedRequestStatusCodes(500, 502, 503)));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ServletIntegration implements Integration {
  /** The identifier, {@value}. */
  public static final String IDENTIFIER = "servlet";

  private final MaxRequestBodySize maxRequestBodySize;
  private final Set<Integer> failedRequestStatusCodes;

  /** Makes the integration with the defaults: bodies up to {@code MEDIUM}, no failed status code. */
  public ServletIntegration() {
    this(MaxRequestBodySize.MEDIUM, Set.of());
  }

  private ServletIntegration(MaxRequestBodySize maxRequestBodySize, Set<Integer> failedRequestStatusCodes) {
    this.maxRequestBodySize = maxRequestBodySize;
    this.failedRequestStatusCodes = failedRequestStatusCodes;
  }

  /**
   * Returns a copy that attaches request bodies up to this size (JSON and form bodies only, and
   * only what the application read).
   *
   * @param size the size; {@code NONE} attaches none
   * @return a new integration
   */
  public ServletIntegration withMaxRequestBodySize(MaxRequestBodySize size) {
    return new ServletIntegration(size, failedRequestStatusCodes);
  }

  /**
   * Returns the largest request body attached.
   *
   * @return the size
   */
  public MaxRequestBodySize maxRequestBodySize() {
    return maxRequestBodySize;
  }

  /**
   * Returns a copy that also reports, as an error event, a response with one of these statuses
   * when the application threw nothing. Default: none.
   *
   * @param statuses the statuses, from 100 to 599
   * @return a new integration
   * @throws IllegalArgumentException when a status is outside 100 to 599
   */
  public ServletIntegration withFailedRequestStatusCodes(int... statuses) {
    return new ServletIntegration(maxRequestBodySize, WebRequests.failedRequestStatusCodes(statuses));
  }

  /**
   * Returns the statuses reported without an exception.
   *
   * @return an unmodifiable set, empty by default
   */
  public Set<Integer> failedRequestStatusCodes() {
    return failedRequestStatusCodes;
  }

  /**
   * Returns the identifier.
   *
   * @return {@value #IDENTIFIER}
   */
  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  /**
   * Does nothing: the filter finds this integration through the current client.
   *
   * @param context unused
   */
  @Override
  public void register(IntegrationContext context) {
    // Nothing to register: the filter asks the client for this integration on each request.
  }

  @Override
  public String toString() {
    return "ServletIntegration[maxRequestBodySize " + maxRequestBodySize + ", failedRequestStatusCodes "
        + Arrays.toString(failedRequestStatusCodes.stream().sorted().toArray()) + "]";
  }
}

package sentry.integration.stdlib;

import sentry.api.Hint;
import sentry.api.Integration;
import sentry.api.IntegrationContext;

/**
 * Breadcrumbs and trace headers for outgoing HTTP requests and started subprocesses (Python's
 * {@code StdlibIntegration}).
 *
 * <p>Python patches its standard library; the JDK has no hook for HTTP clients or process
 * starts, so the breadcrumbs come from explicit entry points, one line per client: {@link
 * SentryHttp#wrap(java.net.http.HttpClient)}, {@link SentryHttp#open(java.net.URL)}, {@link
 * SentryExecChainHandler}, {@link SentryAsyncExecChainHandler} and {@link
 * SentryProcess#start(ProcessBuilder)}. Each of them looks at the current hub's client on every
 * request: when that client is disabled or does not have this integration (it was left out with
 * {@code addDisabledIntegration("stdlib")} or {@code setDefaultIntegrations(false)}), it passes
 * straight through and records nothing.
 *
 * <p>An HTTP breadcrumb has type {@code http}, category {@code httplib} and the data {@code url}
 * (without query and fragment, credentials replaced by {@code [Filtered]}), {@code http.method},
 * {@code http.query}, {@code http.fragment}, {@code http.response.status_code} and, where the
 * client gives one, {@code reason}; its level is warning for a 4xx status, error for a 5xx status
 * and unset otherwise. A request that fails without a response still gets a breadcrumb, without
 * status. Unless {@code sendDefaultPii} is on, the values of secret-looking query parameters
 * ({@code token}, {@code password}, {@code api_key}, {@code X-Amz-Signature}, …), in the query and
 * in a fragment of the same {@code name=value} form, are replaced by {@code [Filtered]}. Requests to the DSN's host, and requests made by the SDK itself, never make
 * breadcrumbs. The hint holds the request under {@link #HTTPLIB_REQUEST}.
 *
 * <p>Each wrapped HTTP request also carries the calling thread's trace, so that an error in the
 * service it calls is linked to this one: {@code sentry-trace} and {@code baggage} (Sentry's {@code
 * sentry-} members appended to any the application set, within the W3C limits of 64 members and
 * 8,192 bytes), and {@code traceparent} with {@code propagateTraceparent}; only to URLs that match
 * {@code tracePropagationTargets} (default: every URL), never to the DSN's host. A request that
 * already has a {@code sentry-trace} is left as the application made it, and so is a {@code
 * traceparent} or a {@code baggage} with {@code sentry-} members that it set. A started subprocess
 * gets the trace in {@code SUBPROCESS_SENTRY_TRACE} and {@code SUBPROCESS_BAGGAGE}.
 *
 * <p>A subprocess breadcrumb has type and category {@code subprocess}, the command line as its
 * message (with secret-looking arguments filtered unless {@code sendDefaultPii} is on) and
 * {@code subprocess.cwd} when a working directory is set; the hint holds the {@link Process}
 * under {@link #POPEN_INSTANCE}.
 *
 * <p>Immutable and thread-safe; it keeps no state, so {@link #register} does nothing.
 */
public final class StdlibIntegration implements Integration {
  /** The identifier, {@value}. */
  public static final String IDENTIFIER = "stdlib";

  /**
   * The hint key of the request behind an HTTP breadcrumb, {@code httplib_request}: a {@code
   * java.net.http.HttpRequest}, the {@code HttpURLConnection} that {@link SentryHttp#open} returned,
   * or HttpClient 5's original {@code org.apache.hc.core5.http.HttpRequest}.
   */
  public static final Hint.Key<Object> HTTPLIB_REQUEST = new Hint.Key<>("httplib_request", Object.class);

  /**
   * The hint key of the started process behind a subprocess breadcrumb, {@code popen_instance} as
   * Python names it. A breadcrumb for a start that failed has no process; its hint holds the
   * exception under {@link Hint#THROWABLE} instead.
   */
  public static final Hint.Key<Process> POPEN_INSTANCE = new Hint.Key<>("popen_instance", Process.class);

  /** Makes the integration; the service loader calls this. */
  public StdlibIntegration() {}

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
   * Does nothing: the entry points find this integration through the current client.
   *
   * @param context unused
   */
  @Override
  public void register(IntegrationContext context) {
    // Nothing to register: each entry point asks the current client for this integration.
  }

  @Override
  public String toString() {
    return "StdlibIntegration";
  }
}

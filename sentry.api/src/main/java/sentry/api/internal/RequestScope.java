package sentry.api.internal;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.Mechanism;
import sentry.api.Message;
import sentry.api.Request;
import sentry.api.SentryEvent;
import sentry.api.User;

/**
 * One request's isolation, shared by the web server integrations: a fresh copy of the main hub
 * (never the pool thread's leftovers), with the main hub's breadcrumbs cleared as Python's WSGI
 * middleware clears them; the request's trace, continued from its {@code sentry-trace} (else W3C
 * {@code traceparent}) and {@code baggage} headers or new; an event processor that adds the request and the transaction to every
 * event captured through it; and the request's release-health session. The integration binds the
 * hub around the handler ({@link #bind()}) and ends the scope when the response is complete
 * ({@link #end()}), which may be on another thread for an async servlet. Thread-safe. Not API.
 */
public final class RequestScope {
  /** The {@code Request} a scope's events get when the request is over: none. */
  private static final Supplier<Request> ENDED = () -> null;

  private final Hub hub;
  private final String mechanism;
  private final Hub.RequestSession session;
  private volatile Supplier<Request> request;
  private volatile String transaction;
  private volatile String transactionSource;
  /** The last exception captured as unhandled, so that one escaping twice is captured once. */
  private volatile Throwable unhandled;

  private RequestScope(Hub hub, String mechanism, Supplier<Request> request, Function<String, String> header) {
    this.hub = hub;
    this.mechanism = mechanism;
    this.request = request;
    String sentryTrace = header.apply("sentry-trace");
    String trace = sentryTrace != null ? sentryTrace : header.apply("traceparent");
    String baggage = header.apply("baggage");
    hub.configureScope(scope -> {
      scope.continueTrace(trace, baggage);
      scope.clearBreadcrumbs();
      scope.addEventProcessor((event, hint) -> process(event));
    });
    this.session = hub.startRequestSession();
  }

  /**
   * Starts a request's scope on a fresh copy of the main hub; nothing is bound yet.
   *
   * @param main the main hub
   * @param mechanism the mechanism type of unhandled exceptions, such as {@code "servlet"}
   * @param request describes the request when an event is captured (on the capturing thread)
   * @param header gives a request header's value by name, whatever its case, several values joined
   *     with {@code ", "}; null when the request has none
   * @return the scope
   */
  public static RequestScope start(Hub main, String mechanism, Supplier<Request> request,
      Function<String, String> header) {
    return new RequestScope(main.copy(), mechanism, request, header);
  }

  /**
   * Returns the request's hub.
   *
   * @return the hub
   */
  public Hub hub() {
    return hub;
  }

  /**
   * Makes the request's hub the calling thread's until the binding is closed.
   *
   * @return the binding
   */
  public Hub.Binding bind() {
    return hub.bind();
  }

  /**
   * Sets the transaction events get when they have none.
   *
   * @param name the route or path
   * @param source {@code "route"} or {@code "url"}
   */
  public void transaction(String name, String source) {
    this.transactionSource = source;
    this.transaction = name;
  }

  /**
   * Captures an exception that escaped the handler: handled false, level error, this scope's
   * mechanism. The same exception reported again (by an async listener after the task that threw
   * it) is not captured twice. Never throws.
   *
   * @param failure the exception
   */
  public void captureUnhandled(Throwable failure) {
    if (failure == null || failure == unhandled) {
      return;
    }
    unhandled = failure;
    try {
      SentryEvent event = SentryEvent.fromThrowable(failure, new Mechanism(mechanism, false));
      event.setLevel(Level.ERROR);
      hub.captureEvent(event, new Hint().set(Hint.THROWABLE, failure));
    } catch (RuntimeException e) {
      // Capture never throws into the host; the hub has already logged what went wrong.
    }
  }

  /**
   * Captures an error event for a response whose status is one of {@code failedStatusCodes}.
   *
   * @param status the response's status
   * @param failedStatusCodes the statuses to report
   * @param method the request's method
   * @param path the request's path
   */
  public void captureStatus(int status, Set<Integer> failedStatusCodes, String method, String path) {
    if (!failedStatusCodes.contains(status)) {
      return;
    }
    try {
      SentryEvent event = new SentryEvent();
      event.setMessage(Message.of("HTTP " + status + " response to " + method + " " + path));
      event.setLevel(Level.ERROR);
      hub.captureEvent(event, new Hint());
    } catch (RuntimeException e) {
      // As above.
    }
  }

  /**
   * Ends the request: its session is counted, and events captured later (by a task the request
   * left behind) no longer read the request, whose objects the server may have reused. Idempotent.
   */
  public void end() {
    request = ENDED;
    session.close();
  }

  private static String clientAddress(Map<String, String> headers, String remote) {
    String forwarded = null;
    String real = null;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase("X-Forwarded-For")) {
        forwarded = header.getValue().split(",")[0].strip();
      } else if (header.getKey().equalsIgnoreCase("X-Real-Ip")) {
        real = header.getValue().strip();
      }
    }
    return forwarded != null && !forwarded.isEmpty() ? forwarded : real != null && !real.isEmpty() ? real : remote;
  }

  private SentryEvent process(SentryEvent event) {
    if (event.getRequest() == null) {
      event.setRequest(request.get());
    }
    // REMOTE_ADDR is there only with sendDefaultPii; the user's IP is the client's, as Python's
    // middleware takes it: the first X-Forwarded-For address, else X-Real-Ip, else REMOTE_ADDR.
    Request seen = event.getRequest();
    String address = seen == null ? null : seen.env().get("REMOTE_ADDR");
    if (address != null) {
      address = clientAddress(seen.headers(), address);
    }
    User user = event.getUser();
    if (address != null && (user == null || user.ipAddress() == null)) {
      event.setUser(user == null ? new User(null, null, null, address, Map.of())
          : new User(user.id(), user.username(), user.email(), address, user.data()));
    }
    String name = transaction;
    if (event.getTransaction() == null && name != null) {
      event.setTransaction(name);
      event.setTransactionSource(transactionSource);
    }
    return event;
  }
}

package sentry.integration.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import sentry.api.Breadcrumb;
import sentry.api.Sentry;

/** The applications the tests serve, the same in Jetty and Tomcat. */
final class Servlets {
  private Servlets() {}

  /** Writes a short text answer. */
  static void answer(HttpServletResponse response, int status, String text) throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain");
    response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code /alice} sets a tag and a breadcrumb and answers; anything else throws. */
  static final class LeakServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      if (request.getRequestURI().endsWith("/alice")) {
        Sentry.setTag("user", "alice");
        Sentry.addBreadcrumb(new Breadcrumb("alice was here"));
        answer(response, 200, "hi alice");
        return;
      }
      throw new IllegalStateException("fails: " + request.getRequestURI());
    }
  }

  /** Captures a message, reads the body when asked, or throws when asked. */
  static final class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      String read = "";
      if (request.getParameter("read") != null) {
        read = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } else if (request.getParameter("reader") != null) {
        StringBuilder text = new StringBuilder();
        request.getReader().lines().forEach(text::append);
        read = text.toString();
      }
      if (request.getParameter("fail") != null) {
        throw new IllegalStateException("fails: " + request.getRequestURI() + "?" + request.getQueryString());
      }
      if (request.getParameter("capture") != null) {
        Sentry.captureMessage(request.getRequestURI());
      }
      answer(response, 200, read);
    }
  }

  /**
   * Asynchronous: sets a tag and starts async. A task the container runs ({@code AsyncContext.start})
   * captures a message and completes; with {@code ?dispatch} it dispatches instead and the async
   * dispatch throws; with {@code ?thread} a plain thread of the application answers 503 and
   * completes.
   */
  static final class AsyncServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      if (request.getAttribute("dispatched") != null) {
        throw new IllegalStateException("async dispatch fails");
      }
      Sentry.setTag("phase", "before async");
      AsyncContext async = request.startAsync();
      if (request.getParameter("thread") != null) {
        Thread plain = new Thread(() -> {
          try {
            answer((HttpServletResponse) async.getResponse(), 503, "later");
          } catch (IOException e) {
            throw new IllegalStateException(e);
          } finally {
            async.complete();
          }
        }, "application-thread");
        plain.start();
        return;
      }
      async.start(() -> {
        try {
          if (request.getParameter("dispatch") != null) {
            request.setAttribute("dispatched", Boolean.TRUE);
            async.dispatch();
            return;
          }
          Sentry.captureMessage("async task");
          answer((HttpServletResponse) async.getResponse(), 200, "async");
          async.complete();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
    }
  }

  /** Throws an {@code Error}. */
  static final class ErrorServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
      throw new AssertionError("an Error, not an Exception");
    }
  }
}

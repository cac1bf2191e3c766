package sentry.integration.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The contract on Jetty 12 (ee10), embedded: the initializer added in code registers the filter;
 * twice, a filter holder adds it again.
 */
class JettyTest extends ContainerContract {
  private Server server;

  @Override
  String start(Map<String, HttpServlet> servlets, boolean filterTwice) throws Exception {
    QueuedThreadPool pool = new QueuedThreadPool(8, 2);
    pool.setReservedThreads(0);
    server = new Server(pool);
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    // The one line of an embedded Jetty: the initializer registers the filter as a container would.
    context.addServletContainerInitializer(new SentryServletContainerInitializer());
    if (filterTwice) {
      addFilter(context);
    }
    servlets.forEach((pattern, servlet) -> {
      ServletHolder holder = new ServletHolder(servlet);
      holder.setAsyncSupported(true);
      context.addServlet(holder, pattern);
    });
    server.setHandler(context);
    server.start();
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  private static void addFilter(ServletContextHandler context) {
    // A second registration by hand (with async support, which Jetty's holders leave off).
    FilterHolder filter = new FilterHolder(new SentryServletFilter());
    filter.setAsyncSupported(true);
    context.addFilter(filter, "/*", EnumSet.allOf(DispatcherType.class));
  }

  @Override
  void stopContainer() throws Exception {
    if (server != null) {
      server.stop();
    }
  }
}

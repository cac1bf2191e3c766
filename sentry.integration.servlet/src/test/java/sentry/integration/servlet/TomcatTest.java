package sentry.integration.servlet;

import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract on Tomcat 10.1, embedded, with one request thread: the filter added by the
 * initializer in code (once), or also as a filter definition (twice).
 */
class TomcatTest extends ContainerContract {
  @TempDir
  Path base;
  private Tomcat tomcat;

  @Override
  String start(Map<String, HttpServlet> servlets, boolean filterTwice) throws Exception {
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    // One request thread: the next request always runs where the previous one did.
    connector.setProperty("maxThreads", "1");
    connector.setProperty("minSpareThreads", "1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", docBase());
    context.addServletContainerInitializer(new SentryServletContainerInitializer(), null);
    if (filterTwice) {
      org.apache.tomcat.util.descriptor.web.FilterDef definition = new org.apache.tomcat.util.descriptor.web.FilterDef();
      definition.setFilterName("sentry-again");
      definition.setFilter(new SentryServletFilter());
      definition.setAsyncSupported("true");
      context.addFilterDef(definition);
      org.apache.tomcat.util.descriptor.web.FilterMap mapping = new org.apache.tomcat.util.descriptor.web.FilterMap();
      mapping.setFilterName("sentry-again");
      mapping.addURLPattern("/*");
      for (String type : new String[] {"REQUEST", "ASYNC", "ERROR", "FORWARD", "INCLUDE"}) {
        mapping.setDispatcher(type);
      }
      context.addFilterMap(mapping);
    }
    servlets.forEach((pattern, servlet) -> {
      String name = "servlet" + pattern.replaceAll("\\W", "_");
      Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
      wrapper.setAsyncSupported(true);
      context.addServletMapping(pattern, name);
    });
    tomcat.start();
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  private String docBase() throws IOException {
    return Files.createDirectories(base.resolve("docs")).toString();
  }

  @Override
  void stopContainer() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
  }
}

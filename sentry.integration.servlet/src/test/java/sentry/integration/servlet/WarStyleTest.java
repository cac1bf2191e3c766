package sentry.integration.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sentry.api.Sentry;
import sentry.testing.Receiver;

/**
 * A web application started as Tomcat starts a WAR ({@code addWebapp}: web.xml defaults, and the
 * {@code ServletContainerInitializer}s its class loader finds through {@code META-INF/services}),
 * with no line of code about the filter: the initializer alone registers it.
 */
class WarStyleTest {
  private final Receiver receiver = Receiver.start();
  @TempDir
  Path base;
  private Tomcat tomcat;

  @AfterEach
  void stop() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
    Sentry.close();
    receiver.close();
  }

  /** The application: one servlet that fails. */
  static final class FailingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
      Sentry.setTag("in", "war");
      throw new IllegalStateException("the WAR fails");
    }
  }

  @Test
  void onlyTheInitializerRegistersTheFilter() throws Exception {
    Web.init(receiver, new ServletIntegration(), options -> {});
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context context = tomcat.addWebapp("/shop", Files.createDirectories(base.resolve("shop")).toString());
    Tomcat.addServlet(context, "failing", new FailingServlet());
    context.addServletMapping("/orders/*", "failing");
    tomcat.start();
    String url = "http://127.0.0.1:" + connector.getLocalPort() + "/shop/orders/7";

    assertThat(Web.send(Web.get(url))).isEqualTo(500);

    JsonNode event = Web.events(receiver, 1).get(0);
    assertThat(context.findFilterDefs()).extracting(def -> def.getFilterName()).containsExactly("sentry");
    assertThat(event.at("/request/url").asText()).isEqualTo(url);
    assertThat(event.at("/tags/in").asText()).isEqualTo("war");
    assertThat(event.at("/exception/values/0/mechanism/type").asText()).isEqualTo("servlet");
    assertThat(event.path("transaction").asText()).isEqualTo("/shop/orders/*");
    assertThat(event.at("/transaction_info/source").asText()).isEqualTo("route");
  }
}

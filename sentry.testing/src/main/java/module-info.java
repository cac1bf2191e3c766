/**
 * Test support for the SDK's own tests, used from the class path by the integration modules and
 * from the tests modules: a stand-in for Sentry ({@link sentry.testing.Receiver}, which records
 * what the SDK sends and parses it as {@link sentry.testing.Envelope}s), an HTTP/1.1 server on plain
 * sockets that can misbehave on purpose for the transport tests ({@link sentry.testing.TestServer},
 * with {@link sentry.testing.SdkThreads} to find threads a test left running), a launcher of real JVMs
 * ({@link sentry.testing.Jvm}), and the check that a module's {@code provides} clauses and its
 * {@code META-INF/services} files agree ({@link sentry.testing.ServiceDeclarations}). Not
 * published.
 */
module sentry.testing {
  requires java.compiler;
  requires jdk.httpserver;
  requires org.junit.jupiter.api;

  // Transitive: envelopes and events are JsonNode values.
  requires transitive com.fasterxml.jackson.databind;

  exports sentry.testing;
}

/**
 * A small program that uses the Sentry SDK as an application would. It requires only {@code
 * sentry.api}; the implementation, {@code sentry.core}, is found on the module path as a service.
 */
module sentry.demo {
  requires com.fasterxml.jackson.core;
  requires jdk.httpserver;
  requires sentry.api;
}

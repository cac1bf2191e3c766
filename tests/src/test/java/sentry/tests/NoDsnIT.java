package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sentry.testing.Receiver;

/**
 * Without a DSN, with an empty one, or turned off, the SDK is a no-op: it reports itself disabled,
 * captures return the empty id, nothing reaches the receiver, the JVM exits with 0 and prints
 * nothing.
 */
class NoDsnIT {
  static Stream<Arguments> configurations() {
    return Stream.of(
        setup("no DSN, module path", (jvm, receiver) -> jvm, true),
        setup("no DSN, class path", (jvm, receiver) -> jvm, false),
        setup("empty -Dsentry.dsn", (jvm, receiver) -> jvm.property("sentry.dsn", ""), true),
        setup("empty SENTRY_DSN", (jvm, receiver) -> jvm.env("SENTRY_DSN", ""), true),
        // Here the SDK knows the receiver's address and still must not send.
        setup("the receiver's DSN with -Dsentry.enabled=false",
            (jvm, receiver) -> jvm.property("sentry.dsn", receiver.dsn()).property("sentry.enabled", "false"),
            true));
  }

  private static Arguments setup(String name, BiFunction<Jvm, Receiver, Jvm> configure, boolean modulePath) {
    return Arguments.of(name, configure, modulePath);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void sendsNothingAndPrintsNothing(String name, BiFunction<Jvm, Receiver, Jvm> configure, boolean modulePath) {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = configure.apply(modulePath ? Jvm.onModulePath() : Jvm.onClassPath(), receiver).run("NoDsn");
      assertThat(run.exitCode())
          .as("exit code (3: Sentry.isEnabled() was true, 4: a capture returned an event id)\n%s", run.describe())
          .isZero();
      assertThat(run.stdout()).as("stdout\n%s", run.describe()).isEmpty();
      assertThat(run.stderr()).as("stderr\n%s", run.describe()).isEmpty();
      // The JVM has exited after flush and close, which wait for sending: anything sent is here.
      assertThat(receiver.requests()).as("requests received").isEmpty();
    }
  }
}

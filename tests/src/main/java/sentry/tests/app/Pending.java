package sentry.tests.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import sentry.api.Sentry;

/**
 * Initialises the SDK (adding the integrations named by the arguments as explicit instances, see
 * {@link Explicit}), captures a message and returns from {@code main} without flushing or closing:
 * whatever is still pending is left to the shutdown hook of the atexit integration.
 *
 * <p>With {@code --return-after-stdin-line} as the first argument, {@code main} reads a line from
 * stdin before it returns, so that a test can let it return once the event is on the wire.
 */
public final class Pending {
  private static final String AFTER_STDIN_LINE = "--return-after-stdin-line";

  private Pending() {}

  /**
   * Runs the scenario.
   *
   * @param args optionally {@value #AFTER_STDIN_LINE}, then names of integrations to construct and
   *     add explicitly; none for discovery alone
   */
  public static void main(String[] args) {
    boolean waitForStdin = args.length > 0 && args[0].equals(AFTER_STDIN_LINE);
    String[] explicit = waitForStdin ? Arrays.copyOfRange(args, 1, args.length) : args;
    Sentry.init(options -> Explicit.add(options, explicit));
    Sentry.captureMessage("pending at exit");
    if (waitForStdin) {
      try {
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}

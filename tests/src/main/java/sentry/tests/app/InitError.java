package sentry.tests.app;

import sentry.api.Sentry;

/**
 * Initialises the SDK with options that are expected to be invalid (such as {@code
 * -Dsentry.dsn=foo}). Prints {@code init failed: <message>} and exits with 0 when {@code init}
 * throws {@link IllegalArgumentException}; exits with 2 when it does not throw.
 */
public final class InitError {
  private InitError() {}

  /**
   * Runs the scenario.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try {
      Sentry.init();
    } catch (IllegalArgumentException e) {
      System.out.println("init failed: " + e.getMessage());
      return;
    }
    Sentry.close();
    System.exit(2);
  }
}

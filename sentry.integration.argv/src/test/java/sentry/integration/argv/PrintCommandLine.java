package sentry.integration.argv;

/** A program that prints its own command line, one element a line, for {@link RealLauncherTest}. */
public final class PrintCommandLine {
  private PrintCommandLine() {}

  /**
   * Prints {@link CommandLine#current()}.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    CommandLine.current().forEach(System.out::println);
  }
}

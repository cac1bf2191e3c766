package sentry.integration.argv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sentry.testing.Jvm;

/** The parser against the real {@code java} launcher: a child JVM reports its own command line. */
class RealLauncherTest {
  /** Runs java with these arguments; returns what it printed, which must be all on stdout. */
  private static List<String> run(Path dir, String... arguments) {
    Jvm.Run run = Jvm.launcher().timeout(Duration.ofSeconds(30)).runArguments(dir, List.of(arguments));
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stderr()).as(run.describe()).isEmpty();
    return run.stdout().lines().toList();
  }

  private static String classPath() throws Exception {
    Path tests = Path.of(PrintCommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path main = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return tests + File.pathSeparator + main;
  }

  @Test
  void argumentsWithSpacesStayWholeAndJvmOptionsAreLeftOut(@TempDir Path dir) throws Exception {
    List<String> printed = run(dir, "-Xmx64m", "-Dsecret.password=x", "-cp", classPath(), "-ea",
        PrintCommandLine.class.getName(), "a b", "--password", "hunter2");

    assertThat(printed).containsExactly(PrintCommandLine.class.getName(), "a b", "--password", "hunter2");
  }

  @Test
  void anEmptyArgumentDoesNotLoseTheOnesAfterIt(@TempDir Path dir) throws Exception {
    // The JDK's argument array on Linux stops at the first empty argument; the property fills in.
    List<String> printed = run(dir, "-cp", classPath(), PrintCommandLine.class.getName(), "a b", "", "c", "");

    assertThat(printed).containsExactly(PrintCommandLine.class.getName(), "a b", "", "c", "");
  }

  @Test
  void argumentFilesAreExpanded(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("jvm.args"),
        "# options for the test\n-Xss1m\n-cp \"" + classPath().replace("\\", "\\\\") + "\"\n" + PrintCommandLine.class.getName() + "\n'x y'\n");

    List<String> printed = run(dir, "-Xmx64m", "@jvm.args", "z", "@not-expanded");

    assertThat(printed).containsExactly(PrintCommandLine.class.getName(), "x y", "z", "@not-expanded");
  }
}

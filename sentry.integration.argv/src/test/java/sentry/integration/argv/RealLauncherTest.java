package sentry.integration.argv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parser against the real {@code java} launcher: a child JVM reports its own command line. */
class RealLauncherTest {
  private static List<String> run(Path dir, String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines().toList();
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

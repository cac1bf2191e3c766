package sentry.integration.stdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache HttpClient 5 is optional: an application without it uses the integration, the JDK's
 * clients and subprocesses, on the class path and on the module path.
 */
class WithoutHttpClient5Test {
  private static final Path CLASSES = Path.of("target", "classes").toAbsolutePath();
  private static final Path TEST_CLASSES = Path.of("target", "test-classes").toAbsolutePath();
  /** The only classes that may refer to HttpClient 5 (or HttpCore 5) types. */
  private static final List<String> HTTPCLIENT5_CLASSES = List.of("ApacheRequests.class",
      "SentryExecChainHandler.class", "SentryAsyncExecChainHandler.class",
      "SentryAsyncExecChainHandler$RecordingCallback.class");

  private static TargetServers servers;
  private static SentryStandIn sentry;

  @BeforeAll
  static void start() throws IOException {
    servers = new TargetServers();
    sentry = new SentryStandIn();
  }

  @AfterAll
  static void stop() throws IOException {
    servers.close();
    sentry.close();
  }

  @Test
  void onlyTheHttpClient5HandlersReferToHttpClient5() throws IOException {
    try (Stream<Path> files = Files.walk(CLASSES.resolve("sentry/integration/stdlib"))) {
      List<String> referring = files.filter(file -> file.toString().endsWith(".class"))
          .filter(WithoutHttpClient5Test::mentionsHttpComponents)
          .map(file -> file.getFileName().toString())
          .toList();
      assertThat(referring).containsExactlyInAnyOrderElementsOf(HTTPCLIENT5_CLASSES);
    }
  }

  @Test
  void onTheClassPathWithoutHttpClient5EverythingElseWorks() throws Exception {
    List<URL> path = new ArrayList<>();
    path.add(CLASSES.toUri().toURL());
    path.add(TEST_CLASSES.toUri().toURL());
    for (Path jar : dependencies()) {
      path.add(jar.toUri().toURL());
    }
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    // The platform loader as parent: nothing from this test's class path, so no HttpClient 5.
    try (URLClassLoader isolated = new URLClassLoader(path.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Thread.currentThread().setContextClassLoader(isolated);
      assertThat(isolated.getResource("org/apache/hc/client5/http/classic/ExecChainHandler.class")).isNull();
      Class<?> probe = isolated.loadClass("sentry.integration.stdlib.probe.Probe");
      @SuppressWarnings("unchecked")
      List<String> seen = (List<String>) probe.getMethod("run", String.class, String.class)
          .invoke(null, sentry.dsn(), servers.url("/ok"));

      assertSeen(seen);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  @Test
  void onTheModulePathWithoutHttpClient5AnApplicationModuleRuns(@TempDir Path work) throws Exception {
    List<Path> modulePath = new ArrayList<>(dependencies());
    modulePath.add(0, CLASSES);
    Path app = compile(work, Map.of(
        "module-info.java", "module probe.app { requires sentry.integration.stdlib; }",
        "probe/app/Main.java", """
            package probe.app;

            public final class Main {
              public static void main(String[] args) throws Exception {
                System.out.println("httpclient5 in the boot layer: "
                    + ModuleLayer.boot().findModule("org.apache.httpcomponents.client5.httpclient5").isPresent());
                System.out.println("stdlib from: " + sentry.integration.stdlib.SentryHttp.class.getModule());
              }
            }
            """), modulePath);
    modulePath.add(app);
    // The probe itself runs from the class path, against the modules: it is already compiled.
    List<String> command = List.of(System.getProperty("sentry.test.java",
        Path.of(System.getProperty("java.home"), "bin", "java").toString()),
        "--module-path", join(modulePath), "--add-modules", "probe.app",
        "-cp", TEST_CLASSES.toString(), "sentry.integration.stdlib.probe.Probe", sentry.dsn(), servers.url("/ok"));
    String probeOut = launch(work, "probe", command);
    String appOut = launch(work, "app", List.of(command.get(0), "--module-path", join(modulePath), "-m", "probe.app/probe.app.Main"));

    assertSeen(probeOut.lines().toList());
    assertThat(appOut).contains("httpclient5 in the boot layer: false", "stdlib from: module sentry.integration.stdlib");
  }

  private static void assertSeen(List<String> seen) {
    assertThat(seen).containsExactly("stdlib installed: true", "jdk status: 200", "connection status: 200",
        "true exited: 0", "http httplib 200", "http httplib 200", "subprocess subprocess true");
  }

  private static boolean mentionsHttpComponents(Path classFile) {
    try {
      return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("org/apache/hc/");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The jars Maven listed for launched JVMs: sentry-api, sentry-core and its dependencies. */
  private static List<Path> dependencies() throws IOException {
    String file = System.getProperty("sentry.test.modulePathFile");
    assumeTrue(file != null && Files.isRegularFile(Path.of(file)), "run by Maven, which lists the jars");
    List<Path> jars = Arrays.stream(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip().split(File.pathSeparator))
        .filter(entry -> !entry.isBlank()).map(Path::of).toList();
    assertThat(jars).noneMatch(jar -> jar.getFileName().toString().startsWith("httpclient5"));
    return jars;
  }

  private static Path compile(Path work, Map<String, String> sources, List<Path> modulePath) throws IOException {
    Path out = work.resolve("app-classes");
    List<String> arguments = new ArrayList<>(List.of("-d", out.toString(), "--release", "17", "-Xlint:all",
        "-Werror", "--module-path", join(modulePath)));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = work.resolve("app-src").resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
      arguments.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("javac's status").isZero();
    return out;
  }

  private static String launch(Path work, String name, List<String> command) throws Exception {
    Path stdout = work.resolve(name + ".out");
    Path stderr = work.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(variable -> variable.startsWith("SENTRY_"));
    Process process = builder.start();
    // Generous: a bound on a hung JVM, not a timing assumption.
    if (!process.waitFor(Duration.ofMinutes(3).toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the JVM did not exit: " + command);
    }
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("exit status; stderr: %s", err).isZero();
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  private static String join(List<Path> paths) {
    return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }
}

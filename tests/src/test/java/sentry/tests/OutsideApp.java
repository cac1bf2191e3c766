package sentry.tests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An application outside the reactor, built by Maven as a user builds it: its pom holds the
 * README's Quick start dependencies, its sources the README's two Java snippets. Maven runs
 * offline on a local repository of its own that holds our artifacts as this build made them
 * (poms from the source tree, jars from each module's target folder), and falls back to the
 * user's local repository, read-only ({@code maven.repo.local.tail}), for third-party artifacts
 * and plugins. So it needs no {@code ./mvnw install} and never sees stale installed artifacts.
 */
final class OutsideApp {
  /** The DSN the README's snippet shows; the scenario replaces it with the receiver's. */
  static final String README_DSN = "https://<public key>@<host>/<project id>";
  /** The module and main class of the application. */
  static final String MODULE = "com.example.shop";
  static final String MAIN = "com.example.shop.Main";

  /** Our artifacts an application of the defaults resolves: artifactId and source folder. */
  private static final List<String[]> ARTIFACTS = List.of(
      new String[] {"sentry-parent", "."}, new String[] {"sentry-bom", "bom"},
      new String[] {"sentry-defaults", "defaults"}, new String[] {"sentry-api", "sentry.api"},
      new String[] {"sentry-core", "sentry.core"}, new String[] {"sentry-transport-jdk", "sentry.transport.jdk"});

  private final Path dir;
  private final List<Path> runtimePath;

  private OutsideApp(Path dir, List<Path> runtimePath) {
    this.dir = dir;
    this.runtimePath = runtimePath;
  }

  /** Returns the application's compiled classes (an exploded module). */
  Path classes() {
    return dir.resolve("target/classes");
  }

  /** Returns the jars Maven resolved for the application at run time, in its order. */
  List<Path> runtimePath() {
    return runtimePath;
  }

  /** Returns the module path (or class path) to run it: its classes, then its runtime jars. */
  List<Path> path() {
    List<Path> all = new ArrayList<>();
    all.add(classes());
    all.addAll(runtimePath);
    return all;
  }

  /**
   * Writes the Quick start application into {@code dir} and builds it with Maven.
   *
   * @param dir an empty or absent folder
   * @param dsn the DSN to put where the README shows its placeholder
   */
  static OutsideApp buildQuickStart(Path dir, String dsn) throws IOException, InterruptedException {
    String readme = Files.readString(root().resolve("README.md"));
    int start = readme.indexOf("## Quick start");
    int end = readme.indexOf("\n## ", start + 1);
    String quickStart = readme.substring(start, end);
    List<String> xml = blocks(quickStart, "xml");
    List<String> java = blocks(quickStart, "java");
    if (xml.size() != 1 || java.size() != 2 || !java.get(1).contains(README_DSN)) {
      throw new IllegalStateException("the README's Quick start should hold one xml block and two java blocks,"
          + " the second with the DSN " + README_DSN);
    }
    String main = "package com.example.shop;\n\n"
        + "import sentry.api.Sentry;\n\n"
        + "/** The README's Quick start. */\n"
        + "public final class Main {\n"
        + "  public static void main(String[] args) {\n"
        + java.get(1).replace(README_DSN, dsn).indent(4)
        + "  }\n\n"
        + "  static void checkout() {\n"
        + "    throw new IllegalStateException(\"the basket is empty\");\n"
        + "  }\n"
        + "}\n";
    return build(dir, xml.get(0), "", Map.of("src/main/java/module-info.java", java.get(0),
        "src/main/java/com/example/shop/Main.java", main));
  }

  /**
   * Writes an application into {@code dir} and builds it with Maven ({@code compile}), offline on
   * a repository of this build's artifacts.
   *
   * @param dir an empty or absent folder
   * @param dependencies the pom's {@code dependencyManagement} and {@code dependencies} elements
   * @param plugins the pom's build plugins ({@code <plugin>} elements), or empty
   * @param files path relative to {@code dir} to text, the sources and resources
   */
  static OutsideApp build(Path dir, String dependencies, String plugins, Map<String, String> files)
      throws IOException, InterruptedException {
    deleteTree(dir);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("pom.xml"), pom(dependencies, plugins));
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    Path repository = stageRepository(dir.resolve("repository"));
    Path pathFile = dir.resolve("runtime-path.txt");
    maven(dir, repository, "compile", "dependency:build-classpath", "-DincludeScope=runtime",
        "-DexcludeTypes=pom",
        "-Dmdep.outputFile=" + pathFile);
    List<Path> jars = new ArrayList<>();
    for (String entry : Files.readString(pathFile).strip().split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        jars.add(Path.of(entry));
      }
    }
    return new OutsideApp(dir, List.copyOf(jars));
  }

  /**
   * Returns the fenced code blocks of a language in one section of the README.
   *
   * @param heading the section's heading line, such as {@code "### Fat jars"}
   * @param language the fence's language, such as {@code "xml"}
   */
  static List<String> readmeBlocks(String heading, String language) throws IOException {
    String readme = Files.readString(root().resolve("README.md"));
    int start = readme.indexOf("\n" + heading + "\n");
    if (start < 0) {
      throw new IllegalStateException("no section " + heading + " in README.md");
    }
    int end = readme.indexOf("\n#", start + heading.length() + 2);
    return blocks(readme.substring(start, end < 0 ? readme.length() : end), language);
  }

  private static String pom(String dependencies, String buildPlugins) {
    String version = System.getProperty("sentry.tests.version");
    String plugins = "";
    // The versions the reactor uses, so that they are in the local repository: the IT runs offline.
    for (String[] plugin : new String[][] {{"maven-resources-plugin", "3.3.1"},
        {"maven-compiler-plugin", "3.14.0"}, {"maven-dependency-plugin", "3.8.1"},
        {"maven-surefire-plugin", "3.5.4"}, {"maven-jar-plugin", "3.4.2"}}) {
      plugins += "<plugin><groupId>org.apache.maven.plugins</groupId><artifactId>" + plugin[0]
          + "</artifactId><version>" + plugin[1] + "</version></plugin>\n";
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>shop</artifactId>
          <version>1.4.2</version>
          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            <maven.compiler.release>17</maven.compiler.release>
          </properties>
        """ + dependencies.replace("0.1.0-SNAPSHOT", version) + """
          <build><plugins>
        """ + buildPlugins + """
          </plugins><pluginManagement><plugins>
        """ + plugins + """
          </plugins></pluginManagement></build>
        </project>
        """;
  }

  /** Puts our artifacts of this build into a fresh local repository, as install would. */
  private static Path stageRepository(Path repository) throws IOException {
    String version = System.getProperty("sentry.tests.version");
    List<String[]> artifacts = new ArrayList<>(ARTIFACTS);
    for (String identifier : concat(BuildPaths.INTEGRATIONS, BuildPaths.BACKENDS)) {
      artifacts.add(new String[] {"sentry-integration-" + identifier, "sentry.integration." + identifier});
    }
    for (String[] artifact : artifacts) {
      Path folder = root().resolve(artifact[1]);
      Path into = Files.createDirectories(repository.resolve("dev/sentrysdk/" + artifact[0] + "/" + version));
      String base = artifact[0] + "-" + version;
      Files.copy(folder.resolve("pom.xml"), into.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING);
      Path jar = folder.resolve("target/" + base + ".jar");
      if (Files.isRegularFile(jar)) {
        Files.copy(jar, into.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return repository;
  }

  /**
   * Runs Maven on this application as a user would, offline, on the repository it was built from.
   *
   * @param goals goals and -D options
   */
  void maven(String... goals) throws IOException, InterruptedException {
    maven(dir, dir.resolve("repository"), goals);
  }

  /** Returns the application's folder. */
  Path dir() {
    return dir;
  }

  private static void maven(Path dir, Path repository, String... goals) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(root().resolve("mvnw").toString(), "-B", "-ntp", "-q", "-o",
        "-f", dir.resolve("pom.xml").toString(), "-Dmaven.repo.local=" + repository,
        "-Dmaven.repo.local.tail=" + System.getProperty("sentry.tests.localRepository")));
    command.addAll(List.of(goals));
    Path log = dir.resolve("maven.log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("MAVEN_ARGS");
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("Maven did not finish within 5 minutes: " + command);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("Maven failed (exit " + process.exitValue() + "): " + String.join(" ", command)
          + "\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  private static List<String> blocks(String markdown, String language) {
    List<String> blocks = new ArrayList<>();
    Matcher matcher = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    while (matcher.find()) {
      blocks.add(matcher.group(1));
    }
    return blocks;
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  static Path root() {
    return Path.of(System.getProperty("sentry.tests.rootDir"));
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}

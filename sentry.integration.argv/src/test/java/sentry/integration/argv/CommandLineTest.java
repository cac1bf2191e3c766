package sentry.integration.argv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {
  private static final ArgFiles.Reader NO_FILES = name -> Optional.empty();

  private static List<String> parse(String... arguments) {
    return parse(NO_FILES, arguments);
  }

  private static List<String> parse(ArgFiles.Reader files, String... arguments) {
    return CommandLine.parse(List.of(arguments), files).orElse(null);
  }

  private static ArgFiles.Reader files(Map<String, String> files) {
    return name -> Optional.ofNullable(files.get(name));
  }

  @Test
  void theMainClassComesFirstAndJvmOptionsAreLeftOut() {
    assertThat(parse("-Xmx64m", "-cp", "out:lib/*", "-Dx=y", "-XX:+UseG1GC", "-ea", "-javaagent:agent.jar=opt",
        "-verbose:gc", "com.example.Main", "a", "b c"))
        .containsExactly("com.example.Main", "a", "b c");
  }

  @Test
  void optionsThatTakeAValueSkipIt() {
    assertThat(parse("-classpath", "a.jar", "--class-path", "b.jar", "-p", "mods", "--module-path", "mods",
        "--upgrade-module-path", "up", "--add-modules", "ALL-SYSTEM", "--limit-modules", "java.base",
        "--add-reads", "m=ALL-UNNAMED", "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--patch-module", "m=patch",
        "--enable-native-access", "ALL-UNNAMED", "Main"))
        .containsExactly("Main");
  }

  @Test
  void optionsWithAnEqualsSignAreOneArgument() {
    assertThat(parse("--module-path=mods", "--add-opens=java.base/java.lang=ALL-UNNAMED", "--class-path=x", "Main", "1"))
        .containsExactly("Main", "1");
  }

  @Test
  void aJarFileIsTheProgram() {
    assertThat(parse("-Xss1m", "-jar", "build/app.jar", "-jar", "--verbose"))
        .containsExactly("build/app.jar", "-jar", "--verbose");
  }

  @Test
  void aModuleIsTheProgram() {
    assertThat(parse("-p", "mods", "-m", "com.example/com.example.Main", "x")).containsExactly("com.example/com.example.Main", "x");
    assertThat(parse("--module-path", "mods", "--module", "com.example", "x")).containsExactly("com.example", "x");
    assertThat(parse("--module-path=mods", "--module=com.example/com.example.Main", "-m", "y"))
        .containsExactly("com.example/com.example.Main", "-m", "y");
  }

  @Test
  void argumentsAfterTheProgramAreTheProgramsEvenWhenTheyLookLikeOptions() {
    assertThat(parse("Main", "-cp", "x", "-Dy=z", "@file", "--disable-@files"))
        .containsExactly("Main", "-cp", "x", "-Dy=z", "@file", "--disable-@files");
  }

  @Test
  void sourceFileModeShowsTheSourceFile() {
    assertThat(parse("--source", "17", "Hello.java", "world")).containsExactly("Hello.java", "world");
  }

  @Test
  void argumentFilesAreExpandedBeforeTheProgram() {
    ArgFiles.Reader files = files(Map.of("opts", "-cp 'lib/a b.jar'\n# the main class\ncom.example.Main\n\"first arg\""));

    assertThat(parse(files, "-Xmx1g", "@opts", "second", "@third")).containsExactly("com.example.Main", "first arg", "second", "@third");
  }

  @Test
  void anArgumentFileMayHoldTheValueOfTheOptionBeforeIt() {
    assertThat(parse(files(Map.of("cp", "a.jar:b.jar")), "-cp", "@cp", "Main")).containsExactly("Main");
  }

  @Test
  void argumentFilesAreNotExpandedInsideArgumentFiles() {
    // As the launcher does: it then looks for a main class named "@inner".
    assertThat(parse(files(Map.of("outer", "@inner Main", "inner", "-cp x")), "@outer"))
        .containsExactly("@inner", "Main");
  }

  @Test
  void aDoubleAtSignStandsForALiteralAtSign() {
    assertThat(parse("@@not-a-file", "x")).containsExactly("@not-a-file", "x");
  }

  @Test
  void disablingArgumentFilesKeepsLaterAtSignsLiteral() {
    assertThat(parse(files(Map.of("f", "Other")), "--disable-@files", "@f", "x")).containsExactly("@f", "x");
  }

  @Test
  void anUnreadableArgumentFileBeforeTheProgramMeansUnknown() {
    assertThat(CommandLine.parse(List.of("@gone", "x"), NO_FILES)).isEmpty();
  }

  @Test
  void noProgramMeansUnknown() {
    assertThat(CommandLine.parse(List.of("-version"), NO_FILES)).isEmpty();
    assertThat(CommandLine.parse(List.of("-cp"), NO_FILES)).isEmpty();
    assertThat(CommandLine.parse(List.of(), NO_FILES)).isEmpty();
  }

  @Test
  void theArgumentArrayIsUsedWhenItAgreesWithTheProperty() {
    List<String> resolved = CommandLine.resolve(Optional.of("/usr/bin/java"),
        Optional.of(List.of("-Xmx64m", "Main", "a", "b c")), "Main a b c", NO_FILES);

    assertThat(resolved).containsExactly("Main", "a", "b c");
  }

  @Test
  void thePropertyIsUsedWhenTheArrayDisagrees() {
    // An option this parser does not know, with a value: the parse takes the value for the program.
    List<String> resolved = CommandLine.resolve(Optional.of("/usr/bin/java"),
        Optional.of(List.of("--future-option", "value", "Main", "a")), "Main a", NO_FILES);

    assertThat(resolved).containsExactly("Main", "a");
  }

  @Test
  void aTruncatedArrayIsCompletedFromTheProperty() {
    List<String> resolved = CommandLine.resolve(Optional.of("/usr/bin/java"),
        Optional.of(List.of("-cp", "x", "Main", "a b")), "Main a b  c ", NO_FILES);

    assertThat(resolved).containsExactly("Main", "a b", "", "c", "");
  }

  @Test
  void thePropertyIsUsedWhenTheArrayIsUnavailableAndSplitsAtSpaces() {
    assertThat(CommandLine.resolve(Optional.empty(), Optional.empty(), "app.jar a b c", NO_FILES))
        .containsExactly("app.jar", "a", "b", "c");
  }

  @Test
  void aNativeLauncherFallsBackToTheProperty() {
    List<String> resolved = CommandLine.resolve(Optional.of("/opt/myapp/bin/MyApp"),
        Optional.of(List.of("--port", "80")), "com.example.Main --port 80", NO_FILES);

    assertThat(resolved).containsExactly("com.example.Main", "--port", "80");
  }

  @Test
  void withoutThePropertyOnlyTheJavaLaunchersArrayIsTrusted() {
    Optional<List<String>> arguments = Optional.of(List.of("-cp", "x", "Main", "a b"));

    assertThat(CommandLine.resolve(Optional.of("C:\\jdk\\bin\\javaw.exe"), arguments, null, NO_FILES))
        .containsExactly("Main", "a b");
    assertThat(CommandLine.resolve(Optional.of("/usr/bin/embedder"), arguments, null, NO_FILES)).isEmpty();
    assertThat(CommandLine.resolve(Optional.empty(), arguments, " ", NO_FILES)).isEmpty();
  }

  @Test
  void nothingExposedMeansAnEmptyList() {
    assertThat(CommandLine.resolve(Optional.empty(), Optional.empty(), null, NO_FILES)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk.compiler/com.sun.tools.javac.launcher.Main", "jdk.compiler/com.sun.tools.javac.launcher.SourceLauncher"})
  void sourceFileModeAgreesWithTheProperty(String launcher) {
    List<String> resolved = CommandLine.resolve(Optional.of("/usr/bin/java"),
        Optional.of(List.of("Hello.java", "a b")), launcher + " Hello.java a b", NO_FILES);

    assertThat(resolved).containsExactly("Hello.java", "a b");
    assertThat(CommandLine.fromJavaCommand(launcher + " Hello.java x")).containsExactly("Hello.java", "x");
  }

  @Test
  void recognisesTheJavaLauncher() {
    assertThat(CommandLine.isJavaLauncher("/usr/lib/jvm/java-17/bin/java")).isTrue();
    assertThat(CommandLine.isJavaLauncher("C:\\Program Files\\Java\\bin\\JAVAW.EXE")).isTrue();
    assertThat(CommandLine.isJavaLauncher("/usr/bin/javac")).isFalse();
    assertThat(CommandLine.isJavaLauncher("/opt/java/bin/app")).isFalse();
  }

  @Test
  void thisJvmsCommandLineStartsWithItsProgram() {
    String property = System.getProperty("sun.java.command");
    List<String> current = CommandLine.current();

    assertThat(current).isNotEmpty();
    assertThat(String.join(" ", current)).isEqualTo(property);
  }
}

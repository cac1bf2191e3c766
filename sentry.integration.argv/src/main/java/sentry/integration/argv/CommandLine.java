package sentry.integration.argv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Works out the program's command line, as a Java developer reads it: the main class (or the
 * {@code -jar} file, or the {@code -m} module with its optional class, or the source file in
 * source-file mode), then the program's arguments. The JVM's own options are left out.
 *
 * <p>Two sources, in this order:
 *
 * <ol>
 *   <li>The launcher's argument array, {@code ProcessHandle.current().info().arguments()}, parsed
 *       like the {@code java} launcher does (argument files expanded). It keeps arguments that
 *       contain spaces whole, so it is preferred, but only where it agrees with the JVM's
 *       {@code sun.java.command} property (the main class and arguments joined with spaces): a
 *       launcher option this parser does not know, or a native launcher that is not {@code java},
 *       makes them disagree. Where the array is a shorter prefix of the property (on Linux the
 *       JDK ends the array at the first empty argument), the property's remaining text, split at
 *       spaces, is appended to it.
 *   <li>The {@code sun.java.command} property split at spaces, which is ambiguous for arguments
 *       that contain spaces; used when the two disagree, or when the operating system does not
 *       give the argument array (it may not on Windows and some Unixes).
 * </ol>
 *
 * <p>Without {@code sun.java.command} (a JVM embedded through JNI, or one that does not set it),
 * the argument array is used alone if the process was started by a {@code java} or {@code javaw}
 * executable; otherwise the command line is unknown and the result is empty.
 */
final class CommandLine {
  /** Launcher options whose value is the next argument. */
  private static final Set<String> OPTIONS_WITH_VALUE = Set.of(
      "-cp", "-classpath", "--class-path", "-p", "--module-path", "--upgrade-module-path",
      "--add-modules", "--limit-modules", "--add-reads", "--add-exports", "--add-opens",
      "--patch-module", "--enable-native-access", "--source", "-d", "--describe-module");
  /** Launcher options whose value is the program: the jar file or the module. */
  private static final Set<String> PROGRAM_OPTIONS = Set.of("-jar", "-m", "--module");
  /** The main classes {@code sun.java.command} names in source-file mode ({@code java Hello.java}). */
  private static final List<String> SOURCE_LAUNCHERS = List.of(
      "jdk.compiler/com.sun.tools.javac.launcher.Main",
      "jdk.compiler/com.sun.tools.javac.launcher.SourceLauncher");

  private CommandLine() {}

  /**
   * Returns this JVM's command line.
   *
   * @return the program (main class, jar file or module) and its arguments; empty when the JVM
   *     exposes neither source
   */
  static List<String> current() {
    ProcessHandle.Info info = ProcessHandle.current().info();
    return resolve(info.command(), info.arguments().map(List::of), System.getProperty("sun.java.command"),
        ArgFiles.FILE_SYSTEM);
  }

  /**
   * Chooses between the sources as the class comment says.
   *
   * @param executable the process's executable, if known
   * @param arguments the process's arguments after the executable, if known
   * @param javaCommand the value of {@code sun.java.command}, or null
   * @param files reads argument files
   * @return the program and its arguments, or an empty list
   */
  static List<String> resolve(Optional<String> executable, Optional<List<String>> arguments, String javaCommand,
      ArgFiles.Reader files) {
    Optional<List<String>> parsed = arguments.flatMap(args -> parse(args, files));
    if (javaCommand != null && !javaCommand.isBlank()) {
      List<String> fromProperty = fromJavaCommand(javaCommand);
      String property = String.join(" ", fromProperty);
      if (parsed.isPresent()) {
        String joined = String.join(" ", parsed.get());
        if (joined.equals(property)) {
          return parsed.get();
        }
        if (property.startsWith(joined + " ")) {
          // The array stopped early (on Linux the JDK ends it at the first empty argument): the
          // property's rest, split at spaces, follows the exact part.
          List<String> combined = new ArrayList<>(parsed.get());
          combined.addAll(List.of(property.substring(joined.length() + 1).split(" ", -1)));
          return List.copyOf(combined);
        }
      }
      return fromProperty;
    }
    boolean javaLauncher = executable.map(CommandLine::isJavaLauncher).orElse(false);
    return javaLauncher ? parsed.orElse(List.of()) : List.of();
  }

  /**
   * Splits {@code sun.java.command}: the program, then the arguments, separated by single spaces.
   * In source-file mode the launcher's own main class is left out, so the source file comes first.
   *
   * @param javaCommand the property's value, not blank
   * @return the program and its arguments
   */
  static List<String> fromJavaCommand(String javaCommand) {
    String command = javaCommand;
    for (String launcher : SOURCE_LAUNCHERS) {
      if (command.startsWith(launcher + " ")) {
        command = command.substring(launcher.length() + 1);
      }
    }
    return List.of(command.split(" ", -1));
  }

  /**
   * Parses the {@code java} launcher's arguments (without the executable) as the launcher does:
   * JVM options are skipped, with the value of those that take one ({@code -cp x}, {@code
   * --add-opens x}); {@code @file} arguments are expanded until the program is found (not after,
   * nor after {@code --disable-@files}; {@code @@x} stands for {@code @x}); the program is the value
   * of {@code -jar}, {@code -m} or {@code --module}, or the first argument that is not an option.
   *
   * @param arguments the launcher's arguments
   * @param files reads argument files
   * @return the program and its arguments; empty when there is no program (such as {@code java
   *     -version}) or an argument file that may hold it cannot be read
   */
  static Optional<List<String>> parse(List<String> arguments, ArgFiles.Reader files) {
    Parser parser = new Parser();
    boolean expand = true;
    for (String argument : arguments) {
      boolean beforeProgram = parser.program == null;
      if (beforeProgram && expand && argument.startsWith("@@")) {
        parser.accept(argument.substring(1));
      } else if (beforeProgram && expand && argument.startsWith("@")) {
        Optional<String> text = files.read(argument.substring(1));
        if (text.isEmpty()) {
          return Optional.empty();
        }
        ArgFiles.tokens(text.get()).forEach(parser::accept);
      } else {
        expand &= !(beforeProgram && "--disable-@files".equals(argument));
        parser.accept(argument);
      }
    }
    if (parser.program == null) {
      return Optional.empty();
    }
    List<String> result = new ArrayList<>(parser.programArguments.size() + 1);
    result.add(parser.program);
    result.addAll(parser.programArguments);
    return Optional.of(List.copyOf(result));
  }

  /**
   * Tells whether an executable is the {@code java} launcher ({@code java}, {@code javaw}, with
   * or without {@code .exe}).
   *
   * @param executable its path
   * @return true for the launcher
   */
  static boolean isJavaLauncher(String executable) {
    String name = executable.substring(Math.max(executable.lastIndexOf('/'), executable.lastIndexOf('\\')) + 1)
        .toLowerCase(Locale.ROOT);
    if (name.endsWith(".exe")) {
      name = name.substring(0, name.length() - 4);
    }
    return name.equals("java") || name.equals("javaw");
  }

  /** Reads launcher arguments one at a time. */
  private static final class Parser {
    private String program;
    private final List<String> programArguments = new ArrayList<>();
    private boolean skipValue;
    private boolean programNext;

    void accept(String argument) {
      if (program != null) {
        programArguments.add(argument);
      } else if (programNext) {
        program = argument;
        programNext = false;
      } else if (skipValue) {
        skipValue = false;
      } else if (PROGRAM_OPTIONS.contains(argument)) {
        programNext = true;
      } else if (argument.startsWith("--module=")) {
        program = argument.substring("--module=".length());
      } else if (OPTIONS_WITH_VALUE.contains(argument)) {
        skipValue = true;
      } else if (!argument.startsWith("-")) {
        program = argument;
      }
    }
  }
}

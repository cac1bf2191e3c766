package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The public API of {@code sentry.api}, as {@link ApiSignatures} lists it from the built artifact,
 * matches the committed {@code src/test/resources/api/sentry.api.txt}: an API change is always a
 * visible diff in review. After a deliberate change, rewrite the file with
 * {@code ./mvnw -B -ntp -q verify -pl tests -am -Dtest=ApiSignatureTest -Dsurefire.failIfNoSpecifiedTests=false
 * -DskipITs -Dsentry.api.update=true} and commit it.
 */
class ApiSignatureTest {
  /** The committed listing, relative to the {@code tests} folder, where Maven runs the tests. */
  static final Path EXPECTED = Path.of("src", "test", "resources", "api", "sentry.api.txt");
  /** Set to true to rewrite {@link #EXPECTED} from the built artifact instead of comparing. */
  static final String UPDATE = "sentry.api.update";
  private static final String COMMAND = "./mvnw -B -ntp -q verify -pl tests -am -Dtest=ApiSignatureTest "
      + "-Dsurefire.failIfNoSpecifiedTests=false -DskipITs -D" + UPDATE + "=true";

  @Test
  void theApiOfSentryApiMatchesTheCommittedSignatureFile() throws IOException {
    String actual = ApiSignatures.of("sentry.api", apiArtifacts());
    if (Boolean.getBoolean(UPDATE)) {
      Files.createDirectories(EXPECTED.getParent());
      Files.writeString(EXPECTED, actual, StandardCharsets.UTF_8);
    }
    String expected = Files.exists(EXPECTED) ? Files.readString(EXPECTED, StandardCharsets.UTF_8) : "";

    assertThat(actual.equals(expected))
        .as("the API of sentry.api differs from %s:%n%s%nIf the change is deliberate, rewrite the file with%n  %s%n"
            + "and commit it.", EXPECTED.toAbsolutePath(), diff(expected, actual), COMMAND)
        .isTrue();
  }

  @Test
  void theListingShowsKindsGenericsAndNullness() {
    String listing = ApiSignatures.of("sentry.api", apiArtifacts());

    // Kinds, the annotations that matter, and only the packages exported to everyone.
    assertThat(listing).startsWith("module sentry.api\npackage @NullMarked sentry.api\n");
    assertThat(listing).contains(" final class sentry.api.Sentry", "interface sentry.api.", "@Nullable ");
    assertThat(listing).doesNotContain("sentry.api.internal.", "sentry.api.spi.");
    // One type or member per line, members indented under their type.
    assertThat(listing.lines().filter(String::isBlank)).isEmpty();
    assertThat(listing).contains("\n  method ", "\n  constructor ");
  }

  /** The jar (or classes folder) of sentry.api, and those of the modules that hold its annotations. */
  private static List<Path> apiArtifacts() {
    List<Path> artifacts = new ArrayList<>();
    for (Path path : BuildPaths.runtimeDependencies()) {
      String name = BuildPaths.explicitModuleName(path).orElse("");
      if (name.equals("sentry.api") || name.equals("org.jspecify")) {
        artifacts.add(path);
      }
    }
    assertThat(artifacts).as("sentry.api and org.jspecify among the runtime dependencies").hasSize(2);
    return artifacts;
  }

  /**
   * The lines only one side has, each marked {@code -} (only in the committed file) or {@code +}
   * (only in the built API), a member's line after the name of its type, sorted.
   */
  static String diff(String expected, String actual) {
    Set<String> before = keyed(expected);
    Set<String> after = keyed(actual);
    StringBuilder text = new StringBuilder();
    Set<String> all = new TreeSet<>(before);
    all.addAll(after);
    for (String line : all) {
      if (!after.contains(line)) {
        text.append("- ").append(line).append('\n');
      } else if (!before.contains(line)) {
        text.append("+ ").append(line).append('\n');
      }
    }
    return text.length() == 0 ? "(same lines, in another order)\n" : text.toString();
  }

  /** Each line of a listing, a member's prefixed with the type that declares it. */
  private static Set<String> keyed(String listing) {
    Set<String> keyed = new TreeSet<>();
    String owner = "";
    for (String line : listing.lines().toList()) {
      if (line.startsWith("  ")) {
        keyed.add(owner + " {" + line.strip() + "}");
      } else {
        owner = line;
        for (String kind : List.of(" class ", " interface ", " enum ", " record ", " @interface ")) {
          int at = line.indexOf(kind);
          if (at >= 0) {
            owner = line.substring(at + kind.length()).split("[ <]", 2)[0];
            break;
          }
        }
        keyed.add(line);
      }
    }
    return keyed;
  }
}

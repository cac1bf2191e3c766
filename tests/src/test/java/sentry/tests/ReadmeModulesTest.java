package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README's module table has a row for every module folder of the build, and no other. */
class ReadmeModulesTest {
  @Test
  void everyModuleFolderHasARowInTheReadmesModuleTable() throws IOException {
    Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    Set<String> folders = new TreeSet<>();
    for (Path parent : new Path[] {root, root.resolve("examples")}) {
      try (Stream<Path> children = Files.list(parent)) {
        children.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
            .forEach(dir -> folders.add(root.relativize(dir).toString().replace('\\', '/')));
      }
    }
    assertThat(folders).as("module folders under %s", root).contains("sentry.api", "tests");

    String readme = Files.readString(root.resolve("README.md"));
    int start = readme.indexOf("\n## Modules\n");
    assertThat(start).as("README.md has a Modules section").isPositive();
    int end = readme.indexOf("\n## ", start + 1);
    Set<String> rows = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\| `[^`]+` \\|")
        .matcher(readme.substring(start, end < 0 ? readme.length() : end));
    while (row.find()) {
      rows.add(row.group(1));
    }
    assertThat(rows).as("folders in README.md's module table").isEqualTo(folders);
  }
}

package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No source file of the build's main code is over {@value #MAX_LINES} lines: by the house style, a
 * class that grows past that is usually two classes. Tests are left out.
 */
class ClassSizeTest {
  private static final int MAX_LINES = 400;

  @Test
  void noMainSourceFileIsOverTheLimit() throws IOException {
    Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    List<Path> sources = new ArrayList<>();
    for (Path parent : new Path[] {root, root.resolve("examples")}) {
      try (Stream<Path> children = Files.list(parent)) {
        children.map(dir -> dir.resolve("src/main/java")).filter(Files::isDirectory).forEach(main -> {
          try (Stream<Path> files = Files.walk(main)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
    assertThat(sources).as("main sources under %s", root)
        .anyMatch(file -> file.endsWith("sentry/api/SentryOptions.java"));

    List<String> tooLong = new ArrayList<>();
    for (Path file : sources) {
      long lines;
      try (Stream<String> text = Files.lines(file)) {
        lines = text.count();
      }
      if (lines > MAX_LINES) {
        tooLong.add(root.relativize(file) + " has " + lines + " lines");
      }
    }
    assertThat(tooLong).as("main sources over %d lines: split each by concern", MAX_LINES).isEmpty();
  }
}

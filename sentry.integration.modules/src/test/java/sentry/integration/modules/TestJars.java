package sentry.integration.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.spi.ToolProvider;

/** Builds small jars for the tests: manifest attributes, files, and optionally a module-info. */
final class TestJars {
  private final Path file;
  private final Map<String, String> attributes = new LinkedHashMap<>();
  private final Map<String, byte[]> files = new LinkedHashMap<>();

  private TestJars(Path file) {
    this.file = file;
  }

  static TestJars jar(Path file) {
    return new TestJars(file);
  }

  TestJars attribute(String name, String value) {
    attributes.put(name, value);
    return this;
  }

  TestJars pom(String groupId, String artifactId, String version) {
    String properties = "groupId=" + groupId + "\nartifactId=" + artifactId + "\nversion=" + version + "\n";
    return file("META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties", properties.getBytes(StandardCharsets.UTF_8));
  }

  TestJars file(String name, byte[] content) {
    files.put(name, content);
    return this;
  }

  /** Adds a module-info.class compiled by javac for {@code module <name> {}}, with a version or none. */
  TestJars module(String name, String version) throws IOException {
    Path work = Files.createTempDirectory("module-info");
    Path source = Files.writeString(work.resolve("module-info.java"), "module " + name + " {}\n");
    List<String> args = new ArrayList<>(List.of("-d", work.resolve("out").toString()));
    if (version != null) {
      args.addAll(List.of("--module-version", version));
    }
    args.add(source.toString());
    StringWriter errors = new StringWriter();
    ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
    int status = javac.run(new PrintWriter(errors), new PrintWriter(errors), args.toArray(String[]::new));
    assertThat(status).as(errors.toString()).isZero();
    return file("module-info.class", Files.readAllBytes(work.resolve("out/module-info.class")));
  }

  Path write() throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
      for (Map.Entry<String, byte[]> entry : files.entrySet()) {
        jar.putNextEntry(new JarEntry(entry.getKey()));
        jar.write(entry.getValue());
        jar.closeEntry();
      }
    }
    return file;
  }
}

package sentry.integration.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JarMetadataTest {
  @TempDir
  Path dir;

  @Test
  void theModuleDescriptorsVersionComesFirst() throws Exception {
    Path jar = TestJars.jar(dir.resolve("lib-9.9.jar")).module("demo.lib", "1.2.3")
        .attribute("Implementation-Version", "2.0").pom("com.example", "lib", "3.0").write();

    assertThat(JarMetadata.read(jar)).isEqualTo(new JarMetadata("lib", "1.2.3", java.util.List.of(), java.util.Map.of()));
  }

  @Test
  void thenImplementationVersionThenBundleVersion() throws Exception {
    Path both = TestJars.jar(dir.resolve("a.jar")).module("demo.a", null)
        .attribute("Implementation-Version", "2.0").attribute("Bundle-Version", "2.0.0.v1").write();
    Path bundle = TestJars.jar(dir.resolve("b.jar")).attribute("Bundle-Version", "2.0.0.v1").pom("x", "b", "3.0").write();

    assertThat(JarMetadata.read(both).version()).isEqualTo("2.0");
    assertThat(JarMetadata.read(bundle).version()).isEqualTo("2.0.0.v1");
  }

  @Test
  void thenPomPropertiesWhichAlsoGivesTheName() throws Exception {
    Path jar = TestJars.jar(dir.resolve("renamed-by-someone.jar")).pom("com.example", "real-artifact", "4.5").write();

    assertThat(JarMetadata.read(jar)).isEqualTo(new JarMetadata("real-artifact", "4.5", java.util.List.of(), java.util.Map.of()));
  }

  @Test
  void aShadedJarUsesItsOwnPomProperties() throws Exception {
    Path jar = TestJars.jar(dir.resolve("app-all-1.0.jar")).pom("org.other", "gson", "2.10")
        .pom("com.example", "app-all", "1.0.1").pom("org.other", "app", "9").write();
    Path unknown = TestJars.jar(dir.resolve("fat-2.0.jar")).pom("org.other", "gson", "2.10").pom("org.other", "guava", "33").write();

    assertThat(JarMetadata.read(jar)).extracting(JarMetadata::name, JarMetadata::version).containsExactly("app-all", "1.0.1");
    assertThat(JarMetadata.read(unknown)).extracting(JarMetadata::name, JarMetadata::version).containsExactly("fat", "2.0");
  }

  @Test
  void aShadedJarListsTheLibrariesItBundlesWithTheirVersions() throws Exception {
    Path jar = TestJars.jar(dir.resolve("app-all-1.0.jar")).pom("org.other", "gson", "2.10")
        .pom("com.example", "app-all", "1.0.1").pom("org.apache.logging.log4j", "log4j-core", "2.25.4").write();

    assertThat(JarMetadata.read(jar).bundled()).containsExactly(
        java.util.Map.entry("gson", "2.10"), java.util.Map.entry("log4j-core", "2.25.4"));
    assertThat(JarMetadata.read(TestJars.jar(dir.resolve("one-1.0.jar")).pom("x", "one", "1.0").write()).bundled())
        .as("a plain jar's own pom.properties is not a bundled library").isEmpty();
    assertThat(ModuleInventory.scan(ModuleLayer.empty(), jar.toString(), "17"))
        .containsEntry("app-all", "1.0.1").containsEntry("gson", "2.10").containsEntry("log4j-core", "2.25.4");
  }

  @Test
  void thenTheFileNameElseNothing() throws Exception {
    Path named = TestJars.jar(dir.resolve("guava-33.0.0-jre.jar")).write();
    Path plain = TestJars.jar(dir.resolve("plain.jar")).write();

    assertThat(JarMetadata.read(named)).extracting(JarMetadata::name, JarMetadata::version).containsExactly("guava", "33.0.0-jre");
    assertThat(JarMetadata.read(plain)).extracting(JarMetadata::name, JarMetadata::version).containsExactly("plain", null);
  }

  @Test
  void resolvesTheManifestClassPathAgainstTheJarsDirectory() throws Exception {
    Path jar = TestJars.jar(dir.resolve("app/app.jar")).attribute("Class-Path", "lib/a.jar  ../b%20c.jar file:/abs/d.jar http://x/e.jar").write();

    assertThat(JarMetadata.read(jar).classPath()).containsExactly(
        dir.resolve("app/lib/a.jar").toAbsolutePath(), dir.resolve("b c.jar").toAbsolutePath(), Path.of("/abs/d.jar"));
  }

  @Test
  void aFileThatIsNotAJarFails() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.jar"), "not a zip");

    assertThatThrownBy(() -> JarMetadata.read(text)).isInstanceOf(IOException.class);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "junit-jupiter-api-5.14.1.jar, junit-jupiter-api, 5.14.1",
      "sentry-api-0.1.0-SNAPSHOT.jar, sentry-api, 0.1.0-SNAPSHOT",
      "commons-lang3-3.12.0.jar, commons-lang3, 3.12.0",
      "log4j-api-2.25.4.jar, log4j-api, 2.25.4",
      "hibernate-core-6.4.0.Final.jar, hibernate-core, 6.4.0.Final",
      "foo-2.jar, foo, 2",
      "app.jar, app, null",
      "x-ray-tool.JAR, x-ray-tool, null",
      "1.0.jar, 1.0, null"})
  void splitsFileNamesAsTheJdkDoesForAutomaticModules(String fileName, String name, String version) {
    assertThat(JarMetadata.splitFileName(fileName)).containsExactly(name, version);
  }
}

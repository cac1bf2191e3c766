package sentry.integration.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleInventoryTest {
  private static final String JDK = "17.0.99+1";

  @TempDir
  Path dir;

  private static String classPath(Path... entries) {
    StringBuilder text = new StringBuilder();
    for (Path entry : entries) {
      text.append(text.length() == 0 ? "" : File.pathSeparator).append(entry);
    }
    return text.toString();
  }

  @Test
  void listsClassPathJarsInOrderThenTheJdk() throws Exception {
    Path a = TestJars.jar(dir.resolve("alpha-1.0.jar")).write();
    Path b = TestJars.jar(dir.resolve("beta.jar")).attribute("Implementation-Version", "2.0").write();
    Path c = TestJars.jar(dir.resolve("gamma.jar")).write();

    Map<String, String> modules = ModuleInventory.scan(ModuleLayer.empty(), classPath(b, a, c), JDK);

    assertThat(modules).containsExactly(Map.entry("beta", "2.0"), Map.entry("alpha", "1.0"),
        Map.entry("gamma", "unknown"), Map.entry("java", JDK));
  }

  @Test
  void skipsDirectoriesMissingFilesAndFilesThatAreNotJars() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path notAJar = Files.writeString(dir.resolve("notes-1.0.jar"), "text");
    Path jar = TestJars.jar(dir.resolve("real-1.0.jar")).write();

    Map<String, String> modules = ModuleInventory.scan(ModuleLayer.empty(),
        classPath(classes, dir.resolve("missing-1.0.jar"), notAJar, jar) + File.pathSeparator + File.pathSeparator, JDK);

    assertThat(modules).containsOnlyKeys("real", "java");
  }

  @Test
  void followsManifestClassPathsOnceInClassLoaderOrder() throws Exception {
    TestJars.jar(dir.resolve("lib/one-1.0.jar")).attribute("Class-Path", "two-2.0.jar ../app.jar").write();
    TestJars.jar(dir.resolve("lib/two-2.0.jar")).attribute("Class-Path", "one-1.0.jar").write();
    Path app = TestJars.jar(dir.resolve("app.jar")).attribute("Implementation-Version", "5")
        .attribute("Class-Path", "lib/one-1.0.jar lib/absent.jar").write();
    Path last = TestJars.jar(dir.resolve("last-9.jar")).write();

    Map<String, String> modules = ModuleInventory.scan(ModuleLayer.empty(), classPath(app, last), JDK);

    assertThat(modules).containsExactly(Map.entry("app", "5"), Map.entry("one", "1.0"), Map.entry("two", "2.0"),
        Map.entry("last", "9"), Map.entry("java", JDK));
  }

  @Test
  void theFirstOfTwoJarsWithOneNameStays() throws Exception {
    Path newer = TestJars.jar(dir.resolve("a/lib-2.0.jar")).write();
    Path older = TestJars.jar(dir.resolve("b/lib-1.0.jar")).write();

    assertThat(ModuleInventory.scan(ModuleLayer.empty(), classPath(newer, older), JDK)).containsEntry("lib", "2.0");
  }

  @Test
  void listsTheNamedModulesOfALayerWithTheirVersions() throws Exception {
    Path mods = dir.resolve("mods");
    TestJars.jar(mods.resolve("explicit.jar")).module("com.example.explicit", "1.2.3").write();
    TestJars.jar(mods.resolve("unversioned.jar")).module("com.example.unversioned", null)
        .attribute("Implementation-Version", "4.4").write();
    TestJars.jar(mods.resolve("auto-lib-3.1.jar")).write();
    ModuleFinder finder = ModuleFinder.of(mods);
    Configuration configuration = ModuleLayer.boot().configuration()
        .resolve(finder, ModuleFinder.of(), Set.of("com.example.explicit", "com.example.unversioned", "auto.lib"));
    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getSystemClassLoader());

    Map<String, String> modules = ModuleInventory.scan(layer, "", JDK);

    assertThat(modules).containsExactly(Map.entry("auto.lib", "3.1"), Map.entry("com.example.explicit", "1.2.3"),
        Map.entry("com.example.unversioned", "4.4"), Map.entry("java", JDK));
  }

  @Test
  void leavesTheJdksOwnModulesOut() {
    Map<String, String> modules = ModuleInventory.scan(ModuleLayer.boot(), "", JDK);

    assertThat(ModuleLayer.boot().findModule("java.base")).isPresent();
    assertThat(modules.keySet()).noneMatch(name -> name.startsWith("java.") || name.startsWith("jdk."));
    assertThat(modules).containsEntry("java", JDK);
  }

  @Test
  void aJdkModuleIsOneFromTheRuntimeImage() {
    String baseVersion = Object.class.getModule().getDescriptor().rawVersion().orElse(null);
    ModuleFinder.ofSystem().findAll().forEach(reference ->
        assertThat(ModuleInventory.isJdk(reference, baseVersion)).as(reference.descriptor().name()).isTrue());
  }

  @Test
  void thisJvmsListIsMadeOnceOnADaemonThread() throws Exception {
    Map<String, String> first = ModuleInventory.shared().get();

    assertThat(ModuleInventory.shared().get()).isSameAs(first);
    assertThat(first).containsEntry("java", Runtime.version().toString());
  }
}

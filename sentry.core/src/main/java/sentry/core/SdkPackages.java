package sentry.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import sentry.api.SentryOptions;
import sentry.core.json.SdkInfo;

/**
 * The SDK's artifacts in use, for the event's {@code sdk.packages}: {@code sentry-api}, {@code
 * sentry-core}, the artifact of each installed integration and, on the module path, every other
 * SDK module in the boot layer ({@code sentry.integration.serverless} has no integration). An
 * artifact is named after its module ({@code sentry.integration.logging} is {@code
 * maven:dev.sentrysdk:sentry-integration-logging}), on the class path after its package. Its
 * version is the module's, else the one in the jar's Maven metadata, else the SDK's.
 */
final class SdkPackages {
  private static final String GROUP = "dev.sentrysdk";

  private SdkPackages() {}

  /**
   * Lists the SDK's artifacts in use, sorted by name.
   *
   * @param integrations the installed integrations
   * @param fallbackVersion the version of an artifact that states none (classes not in a jar)
   * @return one package per artifact
   */
  static List<SdkInfo.SdkPackage> inUse(Collection<?> integrations, String fallbackVersion) {
    Map<String, String> found = new TreeMap<>();
    add(found, SentryOptions.class, fallbackVersion);
    add(found, SdkPackages.class, fallbackVersion);
    for (Object integration : integrations) {
      add(found, integration.getClass(), fallbackVersion);
    }
    for (Module module : ModuleLayer.boot().modules()) {
      if (isSdk(module.getName())) {
        found.putIfAbsent(artifact(module.getName()),
            version(module, module.getClassLoader(), module.getName(), fallbackVersion));
      }
    }
    List<SdkInfo.SdkPackage> packages = new ArrayList<>(found.size());
    found.forEach((artifact, version) ->
        packages.add(new SdkInfo.SdkPackage("maven:" + GROUP + ":" + artifact, version)));
    return packages;
  }

  private static void add(Map<String, String> found, Class<?> type, String fallbackVersion) {
    Module module = type.getModule();
    String name = module.isNamed() ? module.getName() : moduleOfPackage(type.getPackageName());
    if (name != null && isSdk(name) && !found.containsKey(artifact(name))) {
      found.put(artifact(name), version(module, type.getClassLoader(), name, fallbackVersion));
    }
  }

  /** sentry.integration.logging.log4j is in sentry.integration.logging; sentry.core.json in sentry.core. */
  private static String moduleOfPackage(String packageName) {
    String[] parts = packageName.split("\\.");
    if (parts.length >= 3 && parts[0].equals("sentry") && parts[1].equals("integration")) {
      return parts[0] + "." + parts[1] + "." + parts[2];
    }
    return parts.length >= 2 ? parts[0] + "." + parts[1] : null;
  }

  private static boolean isSdk(String moduleName) {
    return moduleName.equals("sentry.api") || moduleName.equals("sentry.core")
        || moduleName.startsWith("sentry.integration.") || moduleName.startsWith("sentry.transport.");
  }

  private static String artifact(String moduleName) {
    return moduleName.replace('.', '-');
  }

  private static String version(Module module, ClassLoader loader, String moduleName,
      String fallbackVersion) {
    if (module.isNamed() && module.getDescriptor() != null) {
      var raw = module.getDescriptor().rawVersion();
      if (raw.isPresent()) {
        return raw.get();
      }
    }
    String metadata = "META-INF/maven/" + GROUP + "/" + artifact(moduleName) + "/pom.properties";
    try (InputStream in = module.isNamed()
        ? module.getResourceAsStream(metadata)
        : loader == null ? null : loader.getResourceAsStream(metadata)) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        String version = properties.getProperty("version");
        if (version != null && !version.isBlank()) {
          return version.strip();
        }
      }
    } catch (IOException | RuntimeException e) {
      // No readable metadata: the SDK's own version is the best guess.
    }
    return fallbackVersion;
  }
}

package sentry.core.json;

import java.util.List;

/**
 * The event's {@code sdk} block: who sent it, with which integrations and packages.
 *
 * @param name the SDK's name
 * @param version the SDK's version
 * @param integrations the identifiers of the installed integrations
 * @param packages the SDK's own artifacts, each {@code maven:groupId:artifactId} with a version
 */
public record SdkInfo(String name, String version, List<String> integrations, List<SdkPackage> packages) {
  /**
   * Copies the lists.
   *
   * @param name the SDK's name
   * @param version the SDK's version
   * @param integrations the identifiers of the installed integrations
   * @param packages the SDK's own artifacts, each {@code maven:groupId:artifactId} with a version
   */
  public SdkInfo {
    integrations = List.copyOf(integrations);
    packages = List.copyOf(packages);
  }

  /**
   * One package of the SDK.
   *
   * @param name {@code maven:groupId:artifactId}
   * @param version its version
   */
  public record SdkPackage(String name, String version) {}
}

package sentry.tests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Architecture rules over the SDK's classes as built (sentry.api, sentry.core, the transports and the integrations
 * on the test class path; the scenarios and tests of this module, the demo and the test support
 * sentry.testing are left out).
 */
class ArchitectureTest {
  /**
   * Per integration (the package segment after {@code sentry.integration.}), the packages of the
   * library it instruments, which it may depend on besides {@code sentry.api} and {@code java}.
   */
  private static final Map<String, List<String>> INSTRUMENTED_LIBRARIES = Map.of(
      "httpserver", List.of("com.sun.net.httpserver.."),
      "servlet", List.of("jakarta.servlet.."),
      // The logging backends, and the logging module whose record handling they share (its
      // internal package is exported to them only); the logging module itself needs only the JDK.
      "log4j", List.of("org.apache.logging.log4j..", "sentry.integration.logging.."),
      "logback", List.of("ch.qos.logback..", "org.slf4j..", "sentry.integration.logging.."),
      // Apache HttpClient 5, and the JDK's HttpsURLConnection, which SentryHttp wraps.
      "stdlib", List.of("org.apache.hc.client5..", "org.apache.hc.core5..", "javax.net.ssl.."),
      "awslambda", List.of("com.amazonaws.services.lambda.runtime.."));

  /**
   * The classes that must print the way the JVM does and so may use System.out or System.err: the
   * shutdown message (atexit), the two one-line warnings of a missing part (no implementation;
   * events left queued at exit without atexit), and the uncaught-exception trace that the JVM leaves to the default
   * handler once one is set (printed for excepthook's and threading's handlers by one class of
   * sentry.api.internal); and, in debug mode, the SDK's diagnostics that the logging back end's
   * levels would hide (sentry.core.log.DebugConsole). No other class of the SDK prints.
   */
  private static final Set<String> PRINT_LIKE_THE_JVM = Set.of(
      "sentry.integration.atexit.ShutdownMessage",
      "sentry.api.internal.UncaughtExceptionPrinter",
      // In debug mode, what the logging back end's levels would hide.
      "sentry.core.log.DebugConsole",
      // Once, as SLF4J says it found no provider: without sentry.core there is no diagnostics logger.
      "sentry.api.NoImplementationWarning",
      // At exit, what no atexit integration flushed: the logging back end may be shut down by then.
      "sentry.core.ExitGuard");

  // And on JSpecify's nullness annotations, a compile-time-only dependency (requires static); and
  // on javax.net.ssl, also in java.base, for the TLS context the transports share (sentry.api.transport.internal).
  static final ArchRule API_DEPENDS_ONLY_ON_JAVA_AND_ITSELF =
      classes().that().resideInAPackage("sentry.api..")
          .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "sentry.api..", "org.jspecify.annotations..",
              "javax.net.ssl..");

  static final ArchRule CORE_NEVER_DEPENDS_ON_INTEGRATIONS =
      noClasses().that().resideInAPackage("sentry.core..")
          .should().dependOnClassesThat().resideInAPackage("sentry.integration..");

  static final ArchRule A_TRANSPORT_MODULE_NEVER_DEPENDS_ON_CORE =
      noClasses().that().resideInAPackage("sentry.transport..")
          .should().dependOnClassesThat().resideInAnyPackage("sentry.core..", "sentry.integration..")
          .because("a transport reads only the SPI of sentry.api (and its HTTP library), like a user's own");

  static final ArchRule INTEGRATIONS_DEPEND_ONLY_ON_API_JAVA_OWN_PACKAGES_AND_LIBRARY =
      classes().that().resideInAPackage("sentry.integration..")
          .should(dependOnlyOnApiJavaOwnPackagesAndInstrumentedLibrary());

  static final ArchRule NO_CYCLES_BETWEEN_MODULES =
      slices().matching("sentry.(*)..").should().beFreeOfCycles();

  static final ArchRule NO_CYCLES_BETWEEN_CORE_PACKAGES =
      slices().matching("sentry.core.(*)..").should().beFreeOfCycles();

  /**
   * The delivery engine's calls run one way: {@code delivery} (queue, workers, retries, parking,
   * the dispatcher) uses {@code accounting} (rate limits, drop counts, client reports),
   * {@code transport} (HTTP), {@code outbox} and {@code json}; none of those uses {@code delivery},
   * and {@code transport}, {@code outbox} and {@code json} do not use {@code accounting}.
   */
  static final ArchRule DELIVERY_IS_ABOVE_ACCOUNTING_AND_TRANSPORT =
      noClasses().that().resideInAnyPackage("sentry.core.accounting..", "sentry.core.transport..",
              "sentry.core.outbox..", "sentry.core.json..")
          .should().dependOnClassesThat().resideInAPackage("sentry.core.delivery..")
          .because("the delivery engine sits on top: what it uses never calls back into it");

  static final ArchRule ACCOUNTING_IS_ABOVE_TRANSPORT =
      noClasses().that().resideInAnyPackage("sentry.core.transport..", "sentry.core.outbox..", "sentry.core.json..")
          .should().dependOnClassesThat().resideInAPackage("sentry.core.accounting..")
          .because("drop counts and rate limits read the transport's answers, never the other way round");

  static final ArchRule THE_SDK_DOES_NOT_PRINT =
      noClasses().that().resideInAnyPackage("sentry.api..", "sentry.core..", "sentry.transport..", "sentry.integration..")
          .and(DescribedPredicate.describe("are not named as printing the way the JVM does",
              (JavaClass c) -> !PRINT_LIKE_THE_JVM.contains(c.getName())))
          .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
          .because("the SDK reports through its diagnostics logger; the host's console is not ours");

  private static JavaClasses sdk;

  @BeforeAll
  static void importClasses() {
    sdk = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("/sentry/tests/") && !location.contains("/sentry/demo/")
            && !location.contains("/sentry/testing/"))
        .importPackages("sentry");
  }

  @Test
  void deliveryIsAboveAccountingAndTransport() {
    DELIVERY_IS_ABOVE_ACCOUNTING_AND_TRANSPORT.check(sdk);
    ACCOUNTING_IS_ABOVE_TRANSPORT.check(sdk);
  }

  /** The layering rules are not empty: each layer they name has classes. */
  @Test
  void theDeliveryLayersHoldClasses() {
    for (String layer : List.of("delivery", "accounting", "transport", "outbox", "json")) {
      assertThat(sdk.stream().filter(c -> c.getPackageName().equals("sentry.core." + layer)))
          .as("classes of sentry.core.%s", layer).isNotEmpty();
    }
  }

  @Test
  void apiDependsOnlyOnJavaAndItself() {
    API_DEPENDS_ONLY_ON_JAVA_AND_ITSELF.check(sdk);
  }

  @Test
  void coreNeverDependsOnIntegrations() {
    CORE_NEVER_DEPENDS_ON_INTEGRATIONS.check(sdk);
  }

  @Test
  void aTransportModuleNeverDependsOnCore() {
    A_TRANSPORT_MODULE_NEVER_DEPENDS_ON_CORE.check(sdk);
  }

  /** The transport rule is not empty: it sees the classes of both of the SDK's transports. */
  @Test
  void theTransportRuleSeesBothTransports() {
    for (String pkg : List.of("sentry.transport.jdk", "sentry.transport.httpcore")) {
      assertThat(sdk.stream().filter(c -> c.getPackageName().equals(pkg)))
          .as("classes of %s imported from the test class path", pkg)
          .isNotEmpty();
    }
  }

  @Test
  void integrationsDependOnlyOnTheApiJavaTheirOwnPackagesAndTheirLibrary() {
    INTEGRATIONS_DEPEND_ONLY_ON_API_JAVA_OWN_PACKAGES_AND_LIBRARY.check(sdk);
  }

  /** The integration rule is not empty: it sees the classes of every default and backend integration. */
  @Test
  void theIntegrationRuleSeesEveryDefaultIntegration() {
    for (String id : concat(BuildPaths.INTEGRATIONS, BuildPaths.BACKENDS)) {
      String pkg = "sentry.integration." + id;
      assertThat(sdk.stream().filter(c -> c.getPackageName().equals(pkg)).map(JavaClass::getSimpleName))
          .as("classes of %s imported from the test class path", pkg)
          .isNotEmpty();
    }
  }

  @Test
  void noCyclesBetweenModulesOrPackages() {
    NO_CYCLES_BETWEEN_MODULES.check(sdk);
  }

  @Test
  void noCyclesBetweenCorePackages() {
    NO_CYCLES_BETWEEN_CORE_PACKAGES.check(sdk);
  }

  @Test
  void theSdkDoesNotPrintExceptWhereItMustPrintLikeTheJvm() {
    THE_SDK_DOES_NOT_PRINT.check(sdk);
  }

  /** The classes named as printing exist, so that the exceptions above do not outlive them. */
  @Test
  void theClassesNamedAsPrintingExist() {
    assertThat(PRINT_LIKE_THE_JVM).allSatisfy(name ->
        assertThat(sdk.contain(name)).as("%s among the imported classes", name).isTrue());
  }

  @TestFactory
  Stream<DynamicTest> packagesStartWithTheModuleName() {
    return BuildPaths.sdkArtifacts().stream().map(path -> {
      String module = BuildPaths.explicitModuleName(path).orElseThrow();
      return DynamicTest.dynamicTest(module, () -> classes()
          .that().doNotHaveSimpleName("module-info")
          .should().resideInAPackage(module + "..")
          .as("classes of module " + module + " should reside in package " + module + " or below it")
          .check(classesOf(path)));
    });
  }

  private static JavaClasses classesOf(Path artifact) {
    if (Files.isDirectory(artifact)) {
      return new ClassFileImporter().importPath(artifact);
    }
    try (JarFile jar = new JarFile(artifact.toFile())) {
      return new ClassFileImporter().importJar(jar);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + artifact, e);
    }
  }

  private static ArchCondition<JavaClass> dependOnlyOnApiJavaOwnPackagesAndInstrumentedLibrary() {
    return new ArchCondition<>("depend only on sentry.api.., java.., their own integration's packages"
        + " and the library it instruments") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String rest = item.getPackageName().substring("sentry.integration.".length());
        String integration = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
        List<String> allowed = new ArrayList<>(List.of("java..", "sentry.api..", "sentry.integration." + integration + ".."));
        allowed.addAll(INSTRUMENTED_LIBRARIES.getOrDefault(integration, List.of()));
        DescribedPredicate<String> allowedPackage = PackageMatchers.of(allowed);
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          if (!target.isPrimitive() && !allowedPackage.test(target.getPackageName())) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }
}

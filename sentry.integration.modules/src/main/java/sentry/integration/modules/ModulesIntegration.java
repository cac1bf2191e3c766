package sentry.integration.modules;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import sentry.api.EventDefaults;
import sentry.api.Integration;
import sentry.api.IntegrationContext;

/**
 * Adds the application's modules and libraries, with their versions, to every event's {@code
 * modules}, so that Sentry can show which versions were running:
 *
 * <ul>
 *   <li>each named module of the boot layer that is not part of the JDK, keyed by module name
 *       ({@code com.example.shop}, {@code org.junit.jupiter.api}), with the version in its module
 *       descriptor, else the one its jar gives as below;
 *   <li>each jar on the class path ({@code java.class.path}, and the jars their manifests' {@code
 *       Class-Path} adds, which is where the libraries of a {@code java -jar} application are),
 *       keyed by its Maven artifactId from {@code META-INF/maven/…/pom.properties}, else by its
 *       file name without version and extension; the version is the first of: the module
 *       descriptor's, the manifest's {@code Implementation-Version}, its {@code Bundle-Version},
 *       the {@code pom.properties} version, the version in the file name
 *       ({@code guava-33.0.0-jre.jar} gives {@code 33.0.0-jre});
 *   <li>each library a jar bundles (a fat jar made by maven-shade or Gradle Shadow keeps every
 *       library's {@code META-INF/maven/<groupId>/<artifactId>/pom.properties}), keyed by its
 *       artifactId, with the version in that file ({@code log4j-core} {@code 2.25.4});
 *   <li>the JDK itself under the key {@value #JDK_KEY}: {@link Runtime#version()}, such as {@code
 *       17.0.15+6-Debian-1deb12u1} (its vendor is in the event's {@code runtime} context).
 * </ul>
 *
 * <p>A module or jar that gives no version at all is listed as {@code "unknown"}. Class-path
 * directories (the application's own classes during development), modules of layers other than
 * the boot layer (plug-in layers, application servers) and jars nested in other jars (Spring
 * Boot's {@code BOOT-INF/lib}) are not listed. Where two entries get the same key the first stays.
 *
 * <p>The list is made once per process, on a daemon thread ({@code sentry-modules}) started when
 * the integration is first registered, because reading every jar's manifest can take a while.
 * The list is contributed once ({@link EventDefaults}): the SDK writes it into each event, on
 * its own thread unless a callback reads the event first. By default no event waits for it, so an
 * event written before the list is ready (within milliseconds of {@code init}) goes without modules.
 * An application that wants the list on its very first events may let the first event wait, up
 * to the time given to {@link #ModulesIntegration(Duration)}; if the list is still not ready, that
 * event and every later one until it is are sent without modules, and no event waits again. Once ready,
 * an event only gets the entries it does not already have, so an application's own {@code
 * modules} entries win. Thread-safe.
 */
public final class ModulesIntegration implements Integration {
  /** The identifier, {@value}, for {@code SentryOptions.addDisabledIntegration}. */
  public static final String IDENTIFIER = "modules";
  /** The key of the JDK's entry: {@value}. */
  public static final String JDK_KEY = ModuleInventory.JDK_KEY;
  /** How long the first event waits for the list by default: not at all. */
  public static final Duration DEFAULT_FIRST_EVENT_WAIT = Duration.ZERO;
  /** The longest first-event wait allowed: 10 s. */
  public static final Duration MAX_FIRST_EVENT_WAIT = Duration.ofSeconds(10);

  private final Duration firstEventWait;

  /** Makes the integration with the default first-event wait; the service loader uses it too. */
  public ModulesIntegration() {
    this(DEFAULT_FIRST_EVENT_WAIT);
  }

  /**
   * Makes the integration with a chosen first-event wait.
   *
   * @param firstEventWait how long the first event may wait for the list, from zero (never wait)
   *     to {@link #MAX_FIRST_EVENT_WAIT}
   * @throws IllegalArgumentException if the wait is negative or longer than the maximum
   * @throws NullPointerException if the wait is null
   */
  public ModulesIntegration(Duration firstEventWait) {
    if (firstEventWait.isNegative() || firstEventWait.compareTo(MAX_FIRST_EVENT_WAIT) > 0) {
      throw new IllegalArgumentException("modules integration: firstEventWait is " + firstEventWait
          + ": expected from PT0S to " + MAX_FIRST_EVENT_WAIT);
    }
    this.firstEventWait = firstEventWait;
  }

  /**
   * Returns {@value #IDENTIFIER}.
   *
   * @return the identifier
   */
  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  /**
   * Returns how long the first event may wait for the list.
   *
   * @return the wait
   */
  public Duration firstEventWait() {
    return firstEventWait;
  }

  /**
   * Starts making the list, if no client of this process has yet, and gives it to the client as
   * every event's default {@code modules}, written by the SDK under the event's own entries.
   *
   * @param context the client's registration context
   */
  @Override
  public void register(IntegrationContext context) {
    context.addEventDefaults(new Defaults(ModuleInventory.shared(), firstEventWait));
  }

  @Override
  public String toString() {
    return "ModulesIntegration[firstEventWait=" + firstEventWait + "]";
  }

  /** The list, as every event's default {@code modules}, once it is ready. */
  static final class Defaults implements EventDefaults {
    private final Future<Map<String, String>> modules;
    private final Duration firstEventWait;
    private final AtomicBoolean waited = new AtomicBoolean();

    Defaults(Future<Map<String, String>> modules, Duration firstEventWait) {
      this.modules = modules;
      this.firstEventWait = firstEventWait;
    }

    @Override
    public Map<String, String> modules() {
      Map<String, String> ready = modules.isDone() ? now() : null;
      if (ready == null && !waited.getAndSet(true)) {
        ready = await();
      }
      return ready == null ? Map.of() : ready;
    }

    private Map<String, String> now() {
      try {
        return modules.get();
      } catch (ExecutionException | CancellationException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }

    private Map<String, String> await() {
      if (firstEventWait.isZero()) {
        return null;
      }
      try {
        return modules.get(firstEventWait.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }
}

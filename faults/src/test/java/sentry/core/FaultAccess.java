package sentry.core;

import java.nio.file.Path;
import sentry.api.SentryClient;
import sentry.api.SentryOptions;
import sentry.core.accounting.DropRecorder;

/**
 * Lets the fault suite read the core's drop counts, which the SDK keeps for client reports and
 * does not export. It works because the suite runs on the class path, where this class shares the
 * package of {@link CoreClient}.
 */
public final class FaultAccess {
  private FaultAccess() {}

  /**
   * Returns where a client counts what it drops.
   *
   * @param client a client made by sentry.core
   * @return its drop recorder
   */
  public static DropRecorder drops(SentryClient client) {
    if (!(client instanceof CoreClient)) {
      throw new IllegalArgumentException(client + " is not sentry.core's client: is sentry-core on the class path?");
    }
    return ((CoreClient) client).drops();
  }

  /**
   * Returns the outbox directory the SDK uses for a DSN under a cache directory.
   *
   * @param dsn the DSN
   * @param cacheDir the cache directory
   * @return the DSN's own sub-directory, which may not exist yet
   */
  public static Path outboxDirectory(String dsn, Path cacheDir) {
    SentryOptions options = new SentryOptions();
    options.setCacheDirPath(cacheDir.toString());
    return ClientFactory.outboxSettings(options, Dsn.parse(dsn)).directory();
  }
}

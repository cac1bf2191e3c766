package sentry.faults;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.ObjectName;
import sentry.api.DropReason;
import sentry.api.EventProcessor;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Sentry;
import sentry.api.SentryEvent;
import sentry.core.FaultAccess;
import sentry.core.accounting.DropRecorder;

/**
 * The child JVM of {@link LoadScenario}: sixteen threads capture against a queue of ten while the
 * main thread takes class histograms of live objects, then it closes the SDK and prints its side
 * of the books, one {@code key value...} line each, ending with {@code done}.
 *
 * <p>Arguments: the DSN, and how many captures each thread makes.
 */
final class LoadApp {
  static final int THREADS = 16;
  static final int MAX_QUEUE = 10;
  static final int MAX_BREADCRUMBS = 100;
  /** Requests in flight at most: the default, set so that the bounds of {@link LoadScenario} can count on it. */
  static final int IN_FLIGHT = 16;
  static final long SHUTDOWN_TIMEOUT_MILLIS = 2_000;
  /** The classes whose live instances each checkpoint counts. */
  static final List<String> WATCHED = List.of("sentry.core.CoreScope", "sentry.core.CoreScope$State",
      "sentry.core.CoreHub", "sentry.api.Breadcrumb", "sentry.core.Breadcrumbs", "sentry.api.SentryEvent");
  /** The fractions of all captures at which the main thread takes a histogram while the threads run. */
  private static final double[] CHECKPOINTS = {0.05, 0.4, 0.7};
  /** How long the threads may make no capture at all before they count as stuck (a deadlock). */
  private static final Duration STUCK = Duration.ofSeconds(20);
  /** Odd while a histogram is being taken: a capture that overlaps one is timed apart, as it waited for its pause. */
  private static final AtomicInteger HISTOGRAMS = new AtomicInteger();

  /** Tells when the threads have made no capture for {@link #STUCK}: slow machines are slow, stuck threads stop. */
  private static final class Progress {
    private final LongAdder captures;
    private long lastCount = -1;
    private long lastChangeNanos = System.nanoTime();

    Progress(LongAdder captures) {
      this.captures = captures;
    }

    boolean stalled() {
      long count = captures.sum();
      long now = System.nanoTime();
      if (count != lastCount) {
        lastCount = count;
        lastChangeNanos = now;
        return false;
      }
      return now - lastChangeNanos > STUCK.toNanos();
    }
  }

  /** Counts what passed the processors and what the SDK told them it dropped later, by reason; keeps nothing else. */
  static final class CountingProcessor implements EventProcessor {
    final LongAdder passed = new LongAdder();
    final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

    @Override
    public SentryEvent process(SentryEvent event, Hint hint) {
      passed.increment();
      return event;
    }

    @Override
    public void dropped(SentryEvent event, Hint hint, DropReason reason) {
      dropped.computeIfAbsent(reason.protocolName(), k -> new LongAdder()).increment();
    }
  }

  private LoadApp() {}

  public static void main(String[] args) throws Exception {
    String dsn = args[0];
    int perThread = Integer.parseInt(args[1]);
    CountingProcessor processor = new CountingProcessor();
    Sentry.init(options -> {
      options.setDsn(dsn);
      options.setDefaultIntegrations(false);
      options.setMaxQueueSize(MAX_QUEUE);
      options.setMaxBreadcrumbs(MAX_BREADCRUMBS);
      options.setMaxRequestsInFlight(IN_FLIGHT);
      options.setShutdownTimeoutMillis(SHUTDOWN_TIMEOUT_MILLIS);
      options.addEventProcessor(processor);
    });
    DropRecorder drops = FaultAccess.drops(Hub.main().client());

    LongAdder captures = new LongAdder();
    LongAccumulator slowestNanos = new LongAccumulator(Math::max, 0);
    LongAccumulator slowestOutsideNanos = new LongAccumulator(Math::max, 0);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 1; i <= perThread; i++) {
          int iteration = i;
          Sentry.addBreadcrumb("step " + i);
          Sentry.withScope(scope -> {
            scope.setTag("iteration", Integer.toString(iteration));
            scope.setExtra("thread", thread);
            int histogramsBefore = HISTOGRAMS.get();
            long start = System.nanoTime();
            Sentry.captureException(new IllegalStateException("load " + iteration));
            long took = System.nanoTime() - start;
            slowestNanos.accumulate(took);
            if (histogramsBefore % 2 == 0 && HISTOGRAMS.get() == histogramsBefore) {
              slowestOutsideNanos.accumulate(took);
            }
            captures.increment();
          });
        }
      }, "load-" + t);
      threads.add(worker);
      worker.start();
    }

    long total = (long) THREADS * perThread;
    // A baseline before the threads start, which also loads what the histograms need: the first one is slow.
    checkpoint("baseline", captures, System.nanoTime());
    long startNanos = System.nanoTime();
    Progress progress = new Progress(captures);
    go.countDown();
    for (double fraction : CHECKPOINTS) {
      long target = (long) (total * fraction);
      while (captures.sum() < target && !progress.stalled()) {
        Thread.sleep(1);
      }
      if (captures.sum() < target) {
        break; // stuck: the joins below report it
      }
      checkpoint("checkpoint", captures, startNanos);
    }
    List<Thread> stuck = new ArrayList<>();
    for (Thread worker : threads) {
      while (worker.isAlive() && !progress.stalled()) {
        worker.join(100);
      }
      if (worker.isAlive()) {
        stuck.add(worker);
      }
    }
    if (!stuck.isEmpty()) {
      ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
      long[] deadlocked = threadBean.findDeadlockedThreads();
      System.out.println("deadlock " + stuck.size() + " threads still capturing, none for " + STUCK.toSeconds() + " s; "
          + (deadlocked == null ? 0 : deadlocked.length) + " threads deadlocked on monitors or locks; all threads:");
      // Every thread, not only the stuck ones: what they wait for may be held by one of the SDK's.
      for (ThreadInfo info : threadBean.dumpAllThreads(true, true)) {
        System.out.println("deadlock \"" + info.getThreadName() + "\" " + info.getThreadState()
            + (info.getLockName() == null ? "" : " on " + info.getLockName())
            + (info.getLockOwnerName() == null ? "" : " held by \"" + info.getLockOwnerName() + "\""));
        for (StackTraceElement frame : info.getStackTrace()) {
          System.out.println("deadlock     at " + frame);
        }
      }
      System.out.println("done deadlock");
      System.out.flush();
      Runtime.getRuntime().halt(3);
    }
    long captureMillis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    // Every capture made, the threads gone, the queue not yet drained.
    checkpoint("joined", captures, startNanos);

    boolean flushed = Sentry.flush(Duration.ofSeconds(10));
    long closeStart = System.nanoTime();
    Sentry.close();
    long closeMillis = Duration.ofNanos(System.nanoTime() - closeStart).toMillis();

    System.out.println("captured " + captures.sum());
    System.out.println("captureMillis " + captureMillis);
    System.out.println("slowestNanos " + slowestNanos.get());
    System.out.println("slowestOutsideHistogramsNanos " + slowestOutsideNanos.get());
    System.out.println("flushed " + flushed);
    System.out.println("closeMillis " + closeMillis);
    System.out.println("passed " + processor.passed.sum());
    System.out.println("told" + pairs(processor.dropped.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()))));
    System.out.println("totals" + pairs(drops.totals()));
    System.out.println("reported" + pairs(drops.reported()));
    System.out.println("unreported" + pairs(drops.unreported()));
    System.out.println("done");
    System.out.flush();
  }

  /**
   * Takes a class histogram of live objects (a full GC first) and prints {@code <label> <captures>
   * <millis since the start> <millis the histogram took> <attempts> <live bytes after the GC> <heap used
   * just after> <class>=<instances>...}.
   *
   * <p>The JVM skips the full GC when a thread is in a JNI critical region (the GC locker: gzip on the
   * SDK's worker, for one) and then counts dead objects too, so a histogram is taken again until the
   * count of full collections shows that its GC ran. This needs the serial collector, whose full
   * collections are counted apart ({@code MarkSweepCompact}).
   */
  private static void checkpoint(String label, LongAdder captures, long startNanos)
      throws JMException, InterruptedException {
    GarbageCollectorMXBean fullCollector = ManagementFactory.getGarbageCollectorMXBeans().stream()
        .filter(bean -> bean.getName().equals("MarkSweepCompact")).findFirst()
        .orElseThrow(() -> new IllegalStateException("run with -XX:+UseSerialGC"));
    long before = captures.sum();
    long histogramStart = System.nanoTime();
    HISTOGRAMS.incrementAndGet();
    String histogram;
    long used;
    int attempts = 0;
    try {
      while (true) {
        attempts++;
        long fullCollections = fullCollector.getCollectionCount();
        histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
            new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
            new Object[] {new String[0]}, new String[] {String[].class.getName()});
        used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        if (fullCollector.getCollectionCount() > fullCollections) {
          break;
        }
        if (attempts == 50) {
          throw new IllegalStateException("the histogram's full GC was skipped 50 times in a row (GC locker held)");
        }
        Thread.sleep(2);
      }
    } finally {
      HISTOGRAMS.incrementAndGet();
    }
    long histogramEnd = System.nanoTime();
    Map<String, Long> counts = new LinkedHashMap<>();
    WATCHED.forEach(name -> counts.put(name, 0L));
    long liveBytes = -1;
    for (String line : histogram.split("\n")) {
      String[] cells = line.trim().split("\\s+");
      if (cells.length >= 3 && cells[0].equals("Total")) {
        liveBytes = Long.parseLong(cells[2]);
      } else if (cells.length >= 4 && counts.containsKey(cells[3])) {
        counts.put(cells[3], Long.parseLong(cells[1]));
      }
    }
    System.out.println(label + " " + before + " " + Duration.ofNanos(histogramStart - startNanos).toMillis() + " "
        + Duration.ofNanos(histogramEnd - histogramStart).toMillis() + " " + attempts + " " + liveBytes + " " + used
        + pairs(counts));
    System.out.flush();
  }

  private static String pairs(Map<String, Long> counts) {
    StringBuilder line = new StringBuilder();
    new TreeMap<>(counts).forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    return line.toString();
  }
}

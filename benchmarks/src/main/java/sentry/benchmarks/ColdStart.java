package sentry.benchmarks;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.security.Permission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Benchmark 7, run once per fresh JVM: what {@code init} and the first capture cost in a process
 * that has not used the SDK yet. The in-process server, the exception and the adapter are made
 * before the clock starts; then it times {@code init}, counts the classes and threads it added
 * and the heap and non-heap memory it added (after a full GC), times the first {@code
 * captureException} and waits for its event to arrive. Prints {@code key=value} lines.
 *
 * <p>With {@code --watch-network} (and {@code -Djava.security.manager=allow}) it installs a
 * security manager that allows everything but records each network or DNS call ({@code
 * checkConnect}) made on the calling thread during {@code init} and the first capture. That run
 * is separate, because the security manager slows everything down.
 *
 * <p>Usage: {@code ColdStart <modular|official> [--watch-network]}
 */
public final class ColdStart {
  private ColdStart() {}

  /**
   * Runs one cold start.
   *
   * @param args see the class comment
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    boolean watch = args.length > 1 && args[1].equals("--watch-network");
    NetworkWatch network = watch ? NetworkWatch.install() : null;
    Map<String, Object> out = new LinkedHashMap<>();
    ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    com.sun.management.OperatingSystemMXBean system =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (LoopbackServer server = LoopbackServer.fast()) {
      Sdk sdk = Sdk.named(args[0]);
      RuntimeException exception = new Exceptions().fresh();
      String dsn = server.dsn();
      System.gc();
      long heapBefore = memory.getHeapMemoryUsage().getUsed();
      long nonHeapBefore = memory.getNonHeapMemoryUsage().getUsed();
      int classesBefore = classes.getLoadedClassCount();
      long threadsBefore = threads.getTotalStartedThreadCount();
      Set<String> threadNamesBefore = threadNames();

      if (network != null) {
        network.watch(Thread.currentThread());
      }
      long cpu0 = system.getProcessCpuTime();
      long t0 = System.nanoTime();
      sdk.init(dsn, 100);
      long t1 = System.nanoTime();
      long cpu1 = system.getProcessCpuTime();
      if (network != null) {
        out.put("initNetworkCalls", network.stop());
      }
      int classesAfterInit = classes.getLoadedClassCount();
      long threadsAfterInit = threads.getTotalStartedThreadCount();
      Set<String> started = threadNames();
      started.removeAll(threadNamesBefore);
      System.gc();
      long heapAfterInit = memory.getHeapMemoryUsage().getUsed();
      long nonHeapAfterInit = memory.getNonHeapMemoryUsage().getUsed();

      if (network != null) {
        network.watch(Thread.currentThread());
      }
      long t2 = System.nanoTime();
      sdk.captureException(exception);
      long t3 = System.nanoTime();
      if (network != null) {
        out.put("captureNetworkCalls", network.stop());
      }
      boolean arrived = server.awaitEvents(1, Duration.ofSeconds(20));
      long t4 = server.firstEventNanos();
      int classesAfterCapture = classes.getLoadedClassCount();
      out.put("initMillis", (t1 - t0) / 1e6);
      out.put("initProcessCpuMillis", (cpu1 - cpu0) / 1e6);
      out.put("firstCaptureMillis", (t3 - t2) / 1e6);
      out.put("firstEventArrivedMillis", arrived ? (t4 - t2) / 1e6 : Double.NaN);
      out.put("classesLoadedByInit", classesAfterInit - classesBefore);
      out.put("classesLoadedByFirstCapture", classesAfterCapture - classesAfterInit);
      out.put("threadsStartedByInit", threadsAfterInit - threadsBefore);
      out.put("threadNames", String.join(",", new TreeSet<>(started)));
      out.put("heapKbAfterInit", (heapAfterInit - heapBefore) / 1024);
      out.put("nonHeapKbAfterInit", (nonHeapAfterInit - nonHeapBefore) / 1024);
      out.put("integrations", String.join(",", sdk.integrations()));
    }
    out.forEach((key, value) -> System.out.println(key + "=" + value));
    System.out.flush();
    if (Boolean.getBoolean("bench.profile")) {
      System.exit(0); // lets a flight recording (-XX:StartFlightRecording) be written
    }
    Runtime.getRuntime().halt(0);
  }

  private static Set<String> threadNames() {
    Set<String> names = new HashSet<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      // Pool threads carry numbers; keep the name's shape so that runs compare.
      names.add(thread.getName().replaceAll("\\d+", "N"));
    }
    return names;
  }

  /** Records the network and DNS calls one thread makes while watched; allows everything. */
  @SuppressWarnings("removal")
  static final class NetworkWatch extends SecurityManager {
    private volatile Thread watched;
    private final List<String> calls = new ArrayList<>();

    static NetworkWatch install() {
      NetworkWatch watch = new NetworkWatch();
      System.setSecurityManager(watch);
      return watch;
    }

    void watch(Thread thread) {
      synchronized (calls) {
        calls.clear();
      }
      watched = thread;
    }

    /** Stops watching; returns the calls, such as {@code 127.0.0.1:43121} or {@code host:-1} (DNS). */
    String stop() {
      watched = null;
      synchronized (calls) {
        return calls.size() + (calls.isEmpty() ? "" : " " + calls);
      }
    }

    @Override
    public void checkConnect(String host, int port) {
      record(host, port);
    }

    @Override
    public void checkConnect(String host, int port, Object context) {
      record(host, port);
    }

    private void record(String host, int port) {
      if (Thread.currentThread() == watched) {
        synchronized (calls) {
          calls.add(host + ":" + port);
        }
      }
    }

    @Override
    public void checkPermission(Permission permission) {
      // Everything is allowed: this only watches.
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
      // Everything is allowed: this only watches.
    }
  }
}

package sentry.core.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import sentry.api.Mechanism;
import sentry.api.SentryException;
import sentry.api.StackFrame;
import sentry.core.log.SdkLog;

/**
 * Turns a throwable with its causes and suppressed exceptions into the protocol's exception list,
 * with the ids, order and meanings the official Sentry Java SDK uses, so issues group the same.
 *
 * <p>The list runs innermost cause first and ends with the captured throwable. Ids are given in
 * the official SDK's order, depth first: the captured throwable 0, then each of its suppressed
 * exceptions (with their own causes), then its cause, and so on; {@code parent_id} is the
 * exception that holds this one as cause or suppressed. The captured throwable carries the
 * capture's mechanism; a cause carries type {@code chained} and a suppressed exception type
 * {@code suppressed}, as in the official SDK. The record needs a {@code handled} value for those,
 * so they carry the capture's, but the serializer writes {@code handled} only on the captured
 * exception, as the official SDK does: whether a cause was handled is not something we know.
 *
 * <p>{@code type} is the class name without its package, so a nested class is {@code Outer$Inner}
 * and an anonymous one {@code Outer$1}, exactly as the official SDK shows them (not
 * {@code getSimpleName()}, which is empty for anonymous classes). {@code value} is the message;
 * a {@code getMessage()} that throws gives the class name instead. Frames run caller first; at
 * most {@value #MAX_FRAMES} are kept per exception (the outermost and innermost halves, the middle
 * counted in {@code framesOmitted}) and at most {@value #MAX_EXCEPTIONS} exceptions per chain. A
 * cause chain longer than that keeps both ends: the outermost links, then an entry of type
 * {@value #OMITTED_TYPE} (no frames) whose value says how many exceptions were left out, then the
 * innermost links down to the root cause. Cycles are cut with an identity set.
 *
 * <p>In-app, per frame and in this order: a class under one of the includes is in-app; else one
 * under one of the excludes is not; else a frame of a JDK module ({@code java.*}, {@code jdk.*},
 * {@code sun.*}, {@code com.sun.*}) or of a class under {@code java}, {@code javax},
 * {@code jakarta}, {@code jdk}, {@code sun}, {@code com.sun}, {@code kotlin}, {@code kotlinx},
 * {@code scala}, {@code groovy}, {@code org.junit}, {@code junit}, {@code org.apache.maven.surefire},
 * {@code org.gradle} or this SDK ({@code sentry.api}, {@code sentry.core},
 * {@code sentry.integration}) is not; else it is. A prefix matches a package,
 * its sub-packages and a class of that name with its nested classes: {@code com.acme} matches
 * {@code com.acme.web.Api} but not {@code com.acmetools.X}. Frame {@code pkg} is the JPMS module as
 * {@code name@version} ({@code java.base@17.0.15}), the name alone when it has no version.
 *
 * <p>Thread-safe; its settings never change (it only remembers what it worked out for a module or
 * a class name, a bounded number of each). {@link #describe} never throws: whatever the throwable's overridden
 * methods do, it degrades to less detail.
 */
public final class ExceptionDescriber {
  /** The most frames kept per exception. */
  public static final int MAX_FRAMES = 100;
  /** The most exceptions kept per chain, causes and suppressed ones together. */
  public static final int MAX_EXCEPTIONS = 50;
  /**
   * The type of the entry that stands for the middle of a cause chain too long to keep whole; its
   * value says how many exceptions were left out.
   */
  public static final String OMITTED_TYPE = "OmittedCauses";
  /** How many links of a cause chain are kept at its inner end when it is too long. */
  private static final int TAIL = MAX_EXCEPTIONS - MAX_EXCEPTIONS / 2 - 1;
  /** How far a cause chain is followed at most, to find its root. */
  private static final int MAX_CHAIN_WALK = 100_000;

  private static final String CHAINED = "chained";
  private static final String SUPPRESSED = "suppressed";
  private static final SdkLog LOG = SdkLog.get("sentry.core.json.ExceptionDescriber");

  private static final int MAX_MODULE_LABELS = 512;

  private final InAppRules inApp;
  /** Each module's {@code name@version} seen in a frame, by name; at most {@link #MAX_MODULE_LABELS}. */
  private final Map<String, String> moduleLabels = new ConcurrentHashMap<>();

  /**
   * Makes a describer with the application's in-app rules.
   *
   * @param inAppIncludes package prefixes that are always in-app ({@code SentryOptions.getInAppIncludes})
   * @param inAppExcludes package prefixes that are not, unless included ({@code getInAppExcludes})
   */
  public ExceptionDescriber(List<String> inAppIncludes, List<String> inAppExcludes) {
    this.inApp = new InAppRules(inAppIncludes, inAppExcludes);
  }

  /**
   * Describes a throwable.
   *
   * @param throwable the captured throwable, or null
   * @param mechanism how it was captured; null means {@link Mechanism#GENERIC}
   * @param threadId the id of the thread it was captured on
   * @return the exceptions, innermost cause first, the captured one last; empty for a null
   *     throwable
   */
  public List<SentryException> describe(Throwable throwable, Mechanism mechanism, long threadId) {
    if (throwable == null) {
      return List.of();
    }
    Walk walk = new Walk(mechanism == null ? Mechanism.GENERIC : mechanism, threadId);
    List<Throwable> chain = causeChain(throwable);
    if (chain.size() <= MAX_EXCEPTIONS) {
      walkChain(walk, throwable, null, null, MAX_EXCEPTIONS);
    } else {
      walkLongChain(walk, chain);
    }
    if (walk.truncated) {
      LOG.debug("exception chain of {} cut at {} exceptions", throwable.getClass().getName(), MAX_EXCEPTIONS);
    }
    Collections.reverse(walk.visited);
    return List.copyOf(walk.visited);
  }

  /**
   * Describes a thread's stack taken for a message event, with the rules exception frames follow.
   *
   * @param stack the stack, or null
   * @return the frames, caller first; empty for a null stack
   */
  public List<StackFrame> describe(CallerStack stack) {
    return stack == null ? List.of() : frames(stack.elements());
  }

  /** The captured throwable and its causes, outermost first, without repeats; at most {@link #MAX_CHAIN_WALK}. */
  private static List<Throwable> causeChain(Throwable throwable) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable link = throwable; link != null && chain.size() < MAX_CHAIN_WALK && seen.add(link);
        link = causeOf(link)) {
      chain.add(link);
    }
    return chain;
  }

  /** Follows one cause chain, visiting each link's suppressed exceptions before its cause. */
  private void walkChain(Walk walk, Throwable first, Integer parentId, String firstType, int limit) {
    Throwable current = first;
    Integer parent = parentId;
    String type = firstType;
    while (current != null && walk.seen.add(current)) {
      if (walk.visited.size() >= limit) {
        walk.truncated = true;
        return;
      }
      parent = visit(walk, current, parent, type, limit);
      current = causeOf(current);
      type = CHAINED;
    }
  }

  /**
   * Describes a cause chain longer than {@link #MAX_EXCEPTIONS}: its outermost links (with their
   * suppressed exceptions while there is room), an {@link #OMITTED_TYPE} entry saying how many
   * were left out, and its innermost {@link #TAIL} links down to the root cause, which is the one a
   * user needs.
   */
  private void walkLongChain(Walk walk, List<Throwable> chain) {
    int tailStart = chain.size() - TAIL;
    int headLimit = MAX_EXCEPTIONS - TAIL - 1;
    Integer parent = null;
    String type = null;
    int next = 0;
    while (next < tailStart && walk.visited.size() < headLimit) {
      walk.seen.add(chain.get(next));
      parent = visit(walk, chain.get(next), parent, type, headLimit);
      type = CHAINED;
      next++;
    }
    int omitted = tailStart - next;
    int id = walk.nextId++;
    walk.visited.add(new SentryException(OMITTED_TYPE,
        omitted + " exceptions of this cause chain were left out, between the outermost " + next
            + " and the innermost " + TAIL,
        null, walk.threadId, new Mechanism(CHAINED, walk.capture.handled()), id, parent, List.of(), 0));
    parent = id;
    walk.truncated = true;
    for (int i = tailStart; i < chain.size(); i++) {
      walk.seen.add(chain.get(i));
      // Room for each later link of the tail is kept: suppressed exceptions come after it.
      parent = visit(walk, chain.get(i), parent, CHAINED, MAX_EXCEPTIONS - (chain.size() - 1 - i));
    }
  }

  /** Describes one link and its suppressed exceptions while fewer than {@code limit} are kept. */
  private Integer visit(Walk walk, Throwable link, Integer parent, String type, int limit) {
    int id = walk.nextId++;
    Mechanism mechanism = type == null ? walk.capture : new Mechanism(type, walk.capture.handled());
    walk.visited.add(describeOne(link, mechanism, id, parent, walk.threadId));
    for (Throwable suppressed : suppressedOf(link)) {
      walkChain(walk, suppressed, id, SUPPRESSED, limit);
    }
    return id;
  }

  private SentryException describeOne(
      Throwable throwable, Mechanism mechanism, int id, Integer parentId, long threadId) {
    Class<?> type = throwable.getClass();
    String packageName = type.getPackageName();
    String name = type.getName();
    String shortName = packageName.isEmpty() ? name : name.substring(packageName.length() + 1);
    StackTraceElement[] stack = stackOf(throwable);
    int omitted = Math.max(0, stack.length - MAX_FRAMES);
    return new SentryException(
        shortName,
        messageOf(throwable),
        packageName.isEmpty() ? null : packageName,
        threadId,
        mechanism,
        id,
        parentId,
        frames(stack),
        omitted);
  }

  /** Converts the kept elements only, caller first: a 10,000-frame stack costs 100 frames. */
  private List<StackFrame> frames(StackTraceElement[] stack) {
    int count = stack.length;
    int head = count > MAX_FRAMES ? MAX_FRAMES / 2 : count;
    int tail = count > MAX_FRAMES ? MAX_FRAMES - head : 0;
    List<StackFrame> frames = new ArrayList<>(head + tail);
    // stack[0] is the frame that threw; the protocol wants the outermost caller first.
    for (int i = 0; i < head; i++) {
      addFrame(frames, stack[count - 1 - i]);
    }
    for (int i = tail - 1; i >= 0; i--) {
      addFrame(frames, stack[i]);
    }
    return frames;
  }

  private void addFrame(List<StackFrame> frames, StackTraceElement element) {
    if (element == null) {
      return;
    }
    String className = element.getClassName();
    String moduleName = element.getModuleName();
    String moduleVersion = element.getModuleVersion();
    String pkg =
        moduleName == null ? null : moduleVersion == null ? moduleName : moduleLabel(moduleName, moduleVersion);
    int line = element.getLineNumber();
    frames.add(
        new StackFrame(
            element.getFileName(),
            element.getMethodName(),
            className,
            line < 0 ? null : line,
            inApp.isInApp(className, moduleName),
            pkg,
            element.isNativeMethod()));
  }

  /**
   * Returns {@code name@version}, the same instance for every frame of a module, so that the
   * serializer finds it already encoded ({@link EncodedStrings}) instead of a new string each frame.
   */
  private String moduleLabel(String name, String version) {
    String label = moduleLabels.get(name);
    if (label != null && label.length() == name.length() + 1 + version.length()
        && label.startsWith(version, name.length() + 1)) {
      return label;
    }
    label = name + "@" + version;
    // Module names and versions may come from stack traces the application built: keep short ones.
    if (moduleLabels.size() < MAX_MODULE_LABELS && label.length() <= 256) {
      moduleLabels.put(name, label);
    }
    return label;
  }

  // The four methods below call methods a throwable may override; any failure, even an Error such
  // as OutOfMemoryError or a checked exception thrown sneakily, means less detail: what the
  // application's object throws is its own fault, and a capture must never fail for it.

  private static String messageOf(Throwable throwable) {
    try {
      return throwable.getMessage();
    } catch (Throwable e) {
      LOG.debug("getMessage() of {} threw {}", throwable.getClass().getName(), e.getClass().getName());
      return throwable.getClass().getName();
    }
  }

  private static StackTraceElement[] stackOf(Throwable throwable) {
    try {
      StackTraceElement[] stack = throwable.getStackTrace();
      return stack == null ? new StackTraceElement[0] : stack;
    } catch (Throwable e) {
      return new StackTraceElement[0];
    }
  }

  private static Throwable causeOf(Throwable throwable) {
    try {
      return throwable.getCause();
    } catch (Throwable e) {
      return null;
    }
  }

  private static Throwable[] suppressedOf(Throwable throwable) {
    try {
      Throwable[] suppressed = throwable.getSuppressed();
      return suppressed == null ? new Throwable[0] : suppressed;
    } catch (Throwable e) {
      return new Throwable[0];
    }
  }

  /** The state of one {@link #describe} call. */
  private static final class Walk {
    final Mechanism capture;
    final long threadId;
    final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    final List<SentryException> visited = new ArrayList<>();
    int nextId;
    boolean truncated;

    Walk(Mechanism capture, long threadId) {
      this.capture = capture;
      this.threadId = threadId;
    }
  }
}

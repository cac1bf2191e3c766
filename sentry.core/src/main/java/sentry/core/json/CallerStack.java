package sentry.core.json;

import java.util.ArrayList;
import java.util.List;

/**
 * The stack of the thread that captured a message event ({@code attachStacktrace}), taken cheaply
 * on that thread and described later on the SDK's: {@link #capture()} keeps the {@link
 * StackWalker} frames as they are (no {@link StackTraceElement}, no file or line lookup yet), and
 * the serializer turns them into protocol frames with the same rules as exception frames.
 *
 * <p>The frames start at the caller: the frames on top that are the SDK's ({@code sentry.api},
 * {@code sentry.core}, {@code sentry.integration.*}) or a logging framework's ({@code
 * java.util.logging}, Log4j, SLF4J, Logback, JBoss Logging, the JDK's {@code System.Logger}
 * bridge) are left out; below the first frame of neither, every frame is kept, at most {@value
 * ExceptionDescriber#MAX_FRAMES}, the innermost. Immutable; safe to hand to another thread.
 */
public final class CallerStack {
  private static final StackWalker WALKER = StackWalker.getInstance();
  private static final String[] SKIPPED = {
    "sentry.api.", "sentry.core.", "sentry.integration.", "java.util.logging.", "sun.util.logging.",
    "jdk.internal.logger.", "java.lang.System$Logger", "org.apache.logging.", "org.slf4j.", "ch.qos.logback.",
    "org.jboss.logging.", "org.apache.commons.logging."
  };

  private final List<StackWalker.StackFrame> frames;

  private CallerStack(List<StackWalker.StackFrame> frames) {
    this.frames = frames;
  }

  /**
   * Takes the current thread's stack, from its caller down.
   *
   * @return the stack, innermost frame first
   */
  public static CallerStack capture() {
    return new CallerStack(WALKER.walk(stream -> stream.dropWhile(CallerStack::isSkipped)
        .limit(ExceptionDescriber.MAX_FRAMES).toList()));
  }

  private static boolean isSkipped(StackWalker.StackFrame frame) {
    String className = frame.getClassName();
    for (String prefix : SKIPPED) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The frames as stack trace elements, innermost first; resolves files and lines. */
  StackTraceElement[] elements() {
    List<StackTraceElement> elements = new ArrayList<>(frames.size());
    for (StackWalker.StackFrame frame : frames) {
      try {
        elements.add(frame.toStackTraceElement());
      } catch (RuntimeException | LinkageError e) {
        // A frame that cannot be described is left out rather than losing the stack.
      }
    }
    return elements.toArray(new StackTraceElement[0]);
  }

  @Override
  public String toString() {
    return "CallerStack[" + frames.size() + " frames]";
  }
}

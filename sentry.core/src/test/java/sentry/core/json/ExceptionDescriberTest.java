package sentry.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import sentry.api.Mechanism;
import sentry.api.SentryException;
import sentry.api.StackFrame;

class ExceptionDescriberTest {
  private final ExceptionDescriber describer = new ExceptionDescriber(List.of(), List.of());

  /** The reference program's chain: IllegalState ← UncheckedIO ← IO ← Arithmetic. */
  static RuntimeException referenceChain() {
    try {
      outer();
      throw new AssertionError("outer() returned");
    } catch (IllegalStateException e) {
      return e;
    }
  }

  private static void outer() {
    try {
      middle();
    } catch (UncheckedIOException e) {
      throw new IllegalStateException("outer: request handling failed", e);
    }
  }

  private static void middle() {
    try {
      inner(0);
    } catch (IOException e) {
      throw new UncheckedIOException("middle: could not read config", e);
    }
  }

  private static int inner(int divisor) throws IOException {
    try {
      return 64 / divisor;
    } catch (ArithmeticException e) {
      throw new IOException("inner: computing buffer size", e);
    }
  }

  @Test
  void referenceChainRunsInnermostFirstWithOfficialIds() {
    List<SentryException> values = describer.describe(referenceChain(), Mechanism.GENERIC, 7);

    assertThat(values).extracting(SentryException::type)
        .containsExactly(
            "ArithmeticException", "IOException", "UncheckedIOException", "IllegalStateException");
    assertThat(values).extracting(SentryException::module)
        .containsExactly("java.lang", "java.io", "java.io", "java.lang");
    assertThat(values).extracting(SentryException::exceptionId).containsExactly(3, 2, 1, 0);
    assertThat(values).extracting(SentryException::parentId).containsExactly(2, 1, 0, null);
    assertThat(values).extracting(e -> e.mechanism().type())
        .containsExactly("chained", "chained", "chained", "generic");
    assertThat(values).extracting(SentryException::threadId).containsOnly(7L);
    assertThat(values.get(0).value()).isEqualTo("/ by zero");
    assertThat(values.get(3).value()).isEqualTo("outer: request handling failed");
  }

  @Test
  void framesRunCallerFirstWithClassMethodFileAndLine() {
    // These tests live in the SDK's own package, which is not in-app unless included.
    ExceptionDescriber including = new ExceptionDescriber(List.of("sentry.core.json"), List.of());
    SentryException top = last(including.describe(referenceChain(), Mechanism.GENERIC, 1));
    StackFrame[] frames = top.frames().toArray(new StackFrame[0]);
    StackFrame throwing = frames[frames.length - 1];

    assertThat(throwing.module()).isEqualTo(ExceptionDescriberTest.class.getName());
    assertThat(throwing.function()).isEqualTo("outer");
    assertThat(throwing.filename()).isEqualTo("ExceptionDescriberTest.java");
    assertThat(throwing.lineno()).isPositive();
    assertThat(throwing.inApp()).isTrue();
    assertThat(frames[frames.length - 2].function()).isEqualTo("referenceChain");
    assertThat(last(describer.describe(referenceChain(), Mechanism.GENERIC, 1)).frames())
        .allSatisfy(frame -> assertThat(frame.inApp()).isFalse());
    // The outermost caller is a JDK or test-runner frame, not in-app.
    assertThat(frames[0].inApp()).isFalse();
  }

  @Test
  void suppressedExceptionsGetTheirOwnIdsAndTheirHolderAsParent() {
    RuntimeException top = new RuntimeException("top");
    RuntimeException firstSuppressed =
        new RuntimeException("suppressed 1", new IllegalArgumentException("its cause"));
    top.addSuppressed(firstSuppressed);
    top.addSuppressed(new IllegalStateException("suppressed 2"));
    top.initCause(new IOException("cause"));

    List<SentryException> values = describer.describe(top, Mechanism.GENERIC, 1);

    // Depth first like the official SDK: top 0, its suppressed (with their causes), then its cause.
    assertThat(values).extracting(SentryException::value)
        .containsExactly("cause", "suppressed 2", "its cause", "suppressed 1", "top");
    assertThat(values).extracting(SentryException::exceptionId).containsExactly(4, 3, 2, 1, 0);
    assertThat(values).extracting(SentryException::parentId).containsExactly(0, 0, 1, 0, null);
    assertThat(values).extracting(e -> e.mechanism().type())
        .containsExactly("chained", "suppressed", "chained", "suppressed", "generic");
  }

  @Test
  void causeCyclesAreCut() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b");
    a.initCause(b);
    b.initCause(a);
    RuntimeException c = new RuntimeException("c");
    c.addSuppressed(a);

    assertThat(describer.describe(a, Mechanism.GENERIC, 1)).extracting(SentryException::value)
        .containsExactly("b", "a");
    assertThat(describer.describe(c, Mechanism.GENERIC, 1)).extracting(SentryException::value)
        .containsExactly("b", "a", "c");
  }

  @Test
  void aMessageThatThrowsGivesTheClassNameAndANullMessageGivesNoValue() {
    RuntimeException broken = new RuntimeException() {
      @Override
      public String getMessage() {
        throw new IllegalStateException("boom");
      }
    };

    assertThat(describer.describe(broken, Mechanism.GENERIC, 1).get(0).value())
        .isEqualTo(broken.getClass().getName());
    assertThat(describer.describe(new RuntimeException(), Mechanism.GENERIC, 1).get(0).value()).isNull();
  }

  @Test
  void overriddenStackCauseAndSuppressedThatThrowDegrade() {
    RuntimeException broken = new RuntimeException("broken") {
      @Override
      public synchronized Throwable getCause() {
        throw new IllegalStateException("no cause for you");
      }

      @Override
      public StackTraceElement[] getStackTrace() {
        throw new IllegalStateException("no stack for you");
      }
    };

    List<SentryException> values = describer.describe(broken, Mechanism.GENERIC, 1);

    assertThat(values).hasSize(1);
    assertThat(values.get(0).frames()).isEmpty();
  }

  static final class NestedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NestedException(String message) {
      super(message);
    }
  }

  @Test
  void nestedAndAnonymousClassesKeepTheirBinaryNamesLikeTheOfficialSdk() {
    RuntimeException anonymous = new RuntimeException("anon") {};

    assertThat(describer.describe(new NestedException("n"), Mechanism.GENERIC, 1).get(0).type())
        .isEqualTo("ExceptionDescriberTest$NestedException");
    SentryException described = describer.describe(anonymous, Mechanism.GENERIC, 1).get(0);
    assertThat(described.type())
        .isEqualTo(anonymous.getClass().getName().substring("sentry.core.json.".length()));
    assertThat(described.type()).startsWith("ExceptionDescriberTest$").doesNotContain(".");
    assertThat(described.module()).isEqualTo("sentry.core.json");
  }

  @Test
  void aHugeStackKeepsHeadAndTailAndCountsTheMiddle() {
    RuntimeException huge = new RuntimeException("deep");
    StackTraceElement[] stack = new StackTraceElement[10_000];
    for (int i = 0; i < stack.length; i++) {
      stack[i] = new StackTraceElement("com.acme.Deep", "level" + i, "Deep.java", i + 1);
    }
    huge.setStackTrace(stack);

    SentryException described = describer.describe(huge, Mechanism.GENERIC, 1).get(0);

    List<StackFrame> frames = described.frames();
    assertThat(frames).hasSize(ExceptionDescriber.MAX_FRAMES);
    assertThat(described.framesOmitted()).isEqualTo(9_900);
    assertThat(frames.get(0).function()).isEqualTo("level9999");
    assertThat(frames.get(49).function()).isEqualTo("level9950");
    assertThat(frames.get(50).function()).isEqualTo("level49");
    assertThat(frames.get(99).function()).isEqualTo("level0");
    assertThat(frames.get(99).lineno()).isEqualTo(1);
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  @Test
  void aStackOverflowErrorStaysSmall() {
    StackOverflowError overflow = null;
    try {
      recurse(0);
    } catch (StackOverflowError e) {
      overflow = e;
    }

    SentryException described = describer.describe(overflow, new Mechanism("excepthook", false), 1).get(0);

    assertThat(described.type()).isEqualTo("StackOverflowError");
    assertThat(described.frames()).hasSizeLessThanOrEqualTo(ExceptionDescriber.MAX_FRAMES);
    assertThat(described.frames().size() + described.framesOmitted())
        .isEqualTo(overflow.getStackTrace().length);
    assertThat(last(described.frames()).function()).isEqualTo("recurse");
  }

  @Test
  void longChainsAreCappedAndKeepTheCapturedException() {
    Throwable chain = new RuntimeException("root cause");
    for (int i = 1; i < 200; i++) {
      chain = new RuntimeException("link " + i, chain);
    }

    List<SentryException> values = describer.describe(chain, Mechanism.GENERIC, 1);

    assertThat(values).hasSize(ExceptionDescriber.MAX_EXCEPTIONS);
    assertThat(last(values).value()).isEqualTo("link 199");
    assertThat(last(values).exceptionId()).isZero();
    assertThat(values.get(0).exceptionId()).isEqualTo(ExceptionDescriber.MAX_EXCEPTIONS - 1);
  }

  @Test
  void aTenThousandDeepChainKeepsBothEndsAndSaysWhatWasLeftOut() {
    Throwable chain = new IllegalStateException("root cause");
    for (int i = 1; i < 10_000; i++) {
      chain = new RuntimeException("link " + i, chain);
    }

    List<SentryException> values = describer.describe(chain, Mechanism.GENERIC, 1);

    assertThat(values).hasSize(ExceptionDescriber.MAX_EXCEPTIONS);
    // Innermost first: the root cause, which is the one a user needs, is kept.
    assertThat(values.get(0).type()).isEqualTo("IllegalStateException");
    assertThat(values.get(0).value()).isEqualTo("root cause");
    assertThat(last(values).value()).isEqualTo("link 9999");
    assertThat(last(values).mechanism()).isEqualTo(Mechanism.GENERIC);
    int head = ExceptionDescriber.MAX_EXCEPTIONS / 2;
    int tail = ExceptionDescriber.MAX_EXCEPTIONS - head - 1;
    int omitted = 10_000 - head - tail;
    SentryException note = values.get(tail);
    assertThat(note.type()).isEqualTo(ExceptionDescriber.OMITTED_TYPE);
    assertThat(note.value()).isEqualTo(omitted + " exceptions of this cause chain were left out, between the outermost "
        + head + " and the innermost " + tail);
    assertThat(note.mechanism().type()).isEqualTo("chained");
    assertThat(note.frames()).isEmpty();
    assertThat(values.get(tail + 1).value()).isEqualTo("link " + (10_000 - head));
    assertThat(values.get(tail - 1).value()).isEqualTo("link " + (tail - 1));
    // Every parent_id names an exception of the list, and each link's parent is the next one out.
    for (int i = 0; i < values.size() - 1; i++) {
      assertThat(values.get(i).parentId()).isEqualTo(values.get(i + 1).exceptionId());
    }
  }

  @Test
  void theCaptureMechanismGoesOnTheCapturedExceptionOnly() {
    Mechanism uncaught = new Mechanism("excepthook", false);
    List<SentryException> values =
        describer.describe(new IllegalStateException("top", new IOException("cause")), uncaught, 1);

    assertThat(last(values).mechanism()).isEqualTo(uncaught);
    assertThat(values.get(0).mechanism().type()).isEqualTo("chained");
    assertThat(describer.describe(null, uncaught, 1)).isEmpty();
    assertThat(last(describer.describe(new RuntimeException(), null, 1)).mechanism())
        .isEqualTo(Mechanism.GENERIC);
  }

  @Test
  void jdkFramesCarryTheirModuleAndVersionAndAreNotInApp() {
    NumberFormatException thrown = null;
    try {
      Integer.parseInt("not a number");
    } catch (NumberFormatException e) {
      thrown = e;
    }

    StackFrame parseInt = describer.describe(thrown, Mechanism.GENERIC, 1).get(0).frames().stream()
        .filter(frame -> "java.lang.Integer".equals(frame.module()))
        .findFirst()
        .orElseThrow();

    String javaBaseVersion = Object.class.getModule().getDescriptor().rawVersion().orElseThrow();
    assertThat(parseInt.pkg()).isEqualTo("java.base@" + javaBaseVersion);
    assertThat(parseInt.pkg()).startsWith("java.base@" + Runtime.version().feature());
    assertThat(parseInt.inApp()).isFalse();
    assertThat(parseInt.function()).isEqualTo("parseInt");
  }

  @Test
  void inAppRulesIncludesBeatExcludesAndExcludesBeatDefaults() {
    InAppRules rules =
        new InAppRules(List.of("org.junit.custom", "com.acme.lib.special."), List.of("com.acme.lib"));

    assertThat(rules.isInApp("com.acme.Main", null)).isTrue();
    assertThat(rules.isInApp("Main", null)).isTrue();
    assertThat(rules.isInApp("com.acme.lib.Util", null)).isFalse();
    assertThat(rules.isInApp("com.acme.lib", null)).isFalse();
    assertThat(rules.isInApp("com.acme.lib$Nested", null)).isFalse();
    assertThat(rules.isInApp("com.acme.library.Util", null)).isTrue();
    assertThat(rules.isInApp("com.acme.lib.special.Thing", null)).isTrue();
    assertThat(rules.isInApp("org.junit.custom.Runner", null)).isTrue();
    assertThat(rules.isInApp("org.junit.platform.Launcher", null)).isFalse();
    assertThat(rules.isInApp("java.util.ArrayList", "java.base")).isFalse();
    assertThat(rules.isInApp("javax.net.Socket", null)).isFalse();
    assertThat(rules.isInApp("kotlin.collections.List", null)).isFalse();
    assertThat(rules.isInApp("sentry.core.Client", "sentry.core")).isFalse();
    assertThat(rules.isInApp("com.acme.Patched", "jdk.httpserver")).isFalse();
    assertThat(rules.isInApp("javaxyz.Tool", null)).isTrue();
  }

  @Test
  void theDescriberAppliesItsInAppRulesToFrames() {
    RuntimeException thrown = new RuntimeException("x");
    thrown.setStackTrace(new StackTraceElement[] {
      new StackTraceElement("com.acme.lib.Util", "help", "Util.java", 3),
      new StackTraceElement("com.acme.Main", "main", "Main.java", -2),
    });

    List<StackFrame> frames =
        new ExceptionDescriber(List.of(), List.of("com.acme.lib")).describe(thrown, null, 1).get(0).frames();

    assertThat(frames).extracting(StackFrame::module).containsExactly("com.acme.Main", "com.acme.lib.Util");
    assertThat(frames).extracting(StackFrame::inApp).containsExactly(true, false);
    assertThat(frames.get(0).lineno()).isNull();
    assertThat(frames.get(0).pkg()).isNull();
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }
}

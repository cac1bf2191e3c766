package sentry.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One exception of an event's chain, as Sentry's protocol describes it. An event's list runs from
 * the innermost cause to the exception that was captured; {@link #exceptionId()} and
 * {@link #parentId()} link causes and suppressed exceptions to the exception that holds them.
 *
 * @param type the simple class name
 * @param value the message, or null when there is none
 * @param module the package of the class, or null in the unnamed package
 * @param threadId the id of the thread the event was captured on
 * @param mechanism how the exception was captured
 * @param exceptionId this exception's id within the event; the captured exception has 0
 * @param parentId the id of the exception that holds this one as cause or suppressed, or null
 * @param frames the frames, caller first, the frame that threw last
 * @param framesOmitted how many frames in the middle were left out to keep the event small
 */
public record SentryException(
    String type,
    @Nullable String value,
    @Nullable String module,
    long threadId,
    Mechanism mechanism,
    int exceptionId,
    @Nullable Integer parentId,
    List<StackFrame> frames,
    int framesOmitted) {
  /**
   * Copies the frames into an unmodifiable list.
   *
   * @param type the simple class name
   * @param value the message, or null when there is none
   * @param module the package of the class, or null in the unnamed package
   * @param threadId the id of the thread the event was captured on
   * @param mechanism how the exception was captured
   * @param exceptionId this exception's id within the event; the captured exception has 0
   * @param parentId the id of the exception that holds this one as cause or suppressed, or null
   * @param frames the frames, caller first, the frame that threw last
   * @param framesOmitted how many frames in the middle were left out to keep the event small
   */
  public SentryException {
    frames = List.copyOf(frames);
  }
}

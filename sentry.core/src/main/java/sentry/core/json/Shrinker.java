package sentry.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import sentry.api.Breadcrumb;
import sentry.api.SentryEvent;
import sentry.api.SentryException;
import sentry.api.StackFrame;

/**
 * Writes one event, cutting it until it fits: the oldest breadcrumbs, then the largest extra
 * entries, then the middle frames of each exception, then everything but what identifies the
 * error, then string length. Each step cuts about as much as the excess and writes the event
 * again. Not thread-safe; one per event.
 */
final class Shrinker {
  /** Room kept for the {@code errors} list that says what was cut. */
  private static final int SLACK = 4096;
  private static final int[] FRAME_WINDOWS = {50, 20, 0};

  private final SentryEvent event;
  private final List<SentryException> exceptions;
  private final List<StackFrame> threadFrames;
  private final EventDefaults defaults;
  private final int maxBytes;
  private final Cuts cuts;
  private List<Map.Entry<String, Integer>> extrasBySize;

  Shrinker(SentryEvent event, List<SentryException> exceptions, List<StackFrame> threadFrames,
      EventDefaults defaults, int maxBytes, int maxValueLength) {
    this.cuts = new Cuts(maxValueLength);
    this.event = event;
    this.exceptions = exceptions;
    this.threadFrames = threadFrames;
    this.defaults = defaults;
    this.maxBytes = maxBytes;
  }

  /**
   * Writes the event, as small as it must be.
   *
   * @return the JSON; over the limit only when even the tiny form is (then the caller says so)
   */
  byte[] write() {
    byte[] json = render();
    while (json.length > maxBytes && dropBreadcrumbs(json.length - maxBytes + SLACK)) {
      json = render();
    }
    while (json.length > maxBytes && dropExtras(json.length - maxBytes + SLACK)) {
      json = render();
    }
    for (int i = 0; json.length > maxBytes && i < FRAME_WINDOWS.length; i++) {
      cuts.frameWindow = FRAME_WINDOWS[i];
      json = render();
    }
    if (json.length > maxBytes) {
      cuts.minimal = true;
      json = render();
    }
    if (json.length > maxBytes) {
      cuts.tiny = true;
      json = render();
    }
    return json;
  }

  /** Marks more of the oldest breadcrumbs, together about {@code excess} bytes; false if none are left. */
  private boolean dropBreadcrumbs(long excess) {
    List<Breadcrumb> breadcrumbs = event.getBreadcrumbs();
    long freed = 0;
    int dropped = cuts.breadcrumbsDropped;
    while (freed < excess && dropped < breadcrumbs.size()) {
      Breadcrumb breadcrumb = breadcrumbs.get(dropped++);
      if (breadcrumb != null) {
        freed += 1 + Json.render((out, bytes) -> writer(out, bytes).breadcrumb(breadcrumb)).length;
      }
    }
    boolean more = dropped > cuts.breadcrumbsDropped;
    cuts.breadcrumbsDropped = dropped;
    return more;
  }

  /** Marks more of the largest extra entries, together about {@code excess} bytes; false if none are left. */
  private boolean dropExtras(long excess) {
    if (extrasBySize == null) {
      extrasBySize = new ArrayList<>();
      for (Map.Entry<String, Object> entry : event.getExtra().entrySet()) {
        if (entry.getKey() != null) {
          byte[] alone =
              Json.render((out, bytes) -> writer(out, bytes).extraEntry(entry.getKey(), entry.getValue()));
          extrasBySize.add(Map.entry(entry.getKey(), alone.length));
        }
      }
      extrasBySize.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
    }
    long freed = 0;
    int before = cuts.extrasDropped.size();
    for (Map.Entry<String, Integer> size : extrasBySize) {
      if (freed >= excess) {
        break;
      }
      if (cuts.extrasDropped.add(size.getKey())) {
        freed += size.getValue();
      }
    }
    return cuts.extrasDropped.size() > before;
  }

  /**
   * Tells whether anything was cut.
   *
   * @return true after {@link #write()} had to cut
   */
  boolean cutAnything() {
    return cuts.any();
  }

  private byte[] render() {
    return Json.render((out, bytes) -> writer(out, bytes).event(event, exceptions, threadFrames));
  }

  private EventWriter writer(JsonGenerator out, ByteArrayOutputStream bytes) {
    return new EventWriter(out, bytes, defaults, cuts, maxBytes);
  }
}

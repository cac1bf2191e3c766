package sentry.core.outbox;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of an envelope file, which is also the outbox's index: {@code
 * <created millis>-<writer>-<sequence>-<category>-<event id or none>}, then a suffix for its state.
 * Names sort oldest first. The writer is the process (its owner id) that wrote the file.
 *
 * <ul>
 *   <li>{@code <base>.envelope}: ready, anyone may claim it;
 *   <li>{@code <base>~<owner>.sending}: claimed by the owner while it sends it;
 *   <li>{@code <base>~<owner>.tmp}: being written by the owner; never read.
 * </ul>
 *
 * @param createdMillis when it was written, milliseconds since the epoch
 * @param writer the owner id of the process that wrote it
 * @param sequence the writer's sequence number
 * @param category the rate-limit data category of its main item
 * @param eventId the event id, 32 hex digits, or null when the envelope has no event
 */
record FileName(long createdMillis, String writer, long sequence, String category, String eventId) {
  static final String READY = ".envelope";
  static final String SENDING = ".sending";
  static final String WRITING = ".tmp";

  private static final Pattern BASE =
      Pattern.compile("(\\d{13})-([0-9a-f]{16})-([0-9a-f]{8})-([a-z0-9_]{1,32})-([0-9a-f]{32}|none)");
  private static final Pattern OWNER = Pattern.compile("[0-9a-f]{16}");

  /** Makes a name, cleaning the category and event id to the characters a name may hold. */
  static FileName of(long createdMillis, String writer, long sequence, String category, String eventId) {
    String cleanCategory = category == null ? "default" : category.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (cleanCategory.isEmpty() || cleanCategory.length() > 32) {
      cleanCategory = "default";
    }
    String cleanId = eventId == null ? null : eventId.replace("-", "").toLowerCase(Locale.ROOT);
    if (cleanId != null && !cleanId.matches("[0-9a-f]{32}")) {
      cleanId = null;
    }
    return new FileName(Math.max(0, createdMillis), writer, sequence & 0xffffffffL, cleanCategory, cleanId);
  }

  /** Parses the base of a name, without suffix or claim; null when it is not one of ours. */
  static FileName parseBase(String base) {
    Matcher m = BASE.matcher(base);
    if (!m.matches()) {
      return null;
    }
    String id = m.group(5);
    return new FileName(Long.parseLong(m.group(1)), m.group(2), Long.parseLong(m.group(3), 16), m.group(4),
        id.equals("none") ? null : id);
  }

  /** Tells whether a string is a well-formed owner id. */
  static boolean isOwner(String owner) {
    return OWNER.matcher(owner).matches();
  }

  String base() {
    return String.format(Locale.ROOT, "%013d-%s-%08x-%s-%s", createdMillis, writer, sequence, category,
        eventId == null ? "none" : eventId);
  }

  String ready() {
    return base() + READY;
  }

  String sending(String owner) {
    return base() + "~" + owner + SENDING;
  }

  String writing(String owner) {
    return base() + "~" + owner + WRITING;
  }
}

package sentry.core.outbox;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A file in the outbox, as {@link Outbox#entries()} sees it.
 *
 * @param fileName the file's name
 * @param eventId the event id, or null
 * @param category the data category
 * @param size bytes, compressed
 * @param created when it was written
 * @param claimedBy the owner id of the process sending it, or null when it is ready
 */
public record OutboxEntry(String fileName, String eventId, String category, long size, Instant created,
    String claimedBy) {

  /** Lists the envelope files of a directory, ready and claimed, oldest first. */
  static List<OutboxEntry> list(Path directory) {
    List<OutboxEntry> entries = new ArrayList<>();
    for (Listing.Found file : Listing.scan(directory)) {
      if (file.kind() == Listing.Kind.READY || file.kind() == Listing.Kind.SENDING) {
        FileName name = file.name();
        entries.add(new OutboxEntry(file.path().getFileName().toString(), name.eventId(), name.category(),
            file.size(), Instant.ofEpochMilli(name.createdMillis()), file.claimedBy()));
      }
    }
    return entries;
  }
}

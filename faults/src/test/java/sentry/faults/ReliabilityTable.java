package sentry.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table of {@code docs/RELIABILITY.md}, one row per scenario, in the order they ran. Written to
 * {@code target/reliability-table.md} always, and between the markers of {@code docs/RELIABILITY.md}
 * when the build sets {@code sentry.faults.docs=true}.
 */
final class ReliabilityTable {
  static final String BEGIN = "<!-- fault-table:begin (written by the fault suite: faults/) -->";
  static final String END = "<!-- fault-table:end -->";

  private final List<Books> rows = new ArrayList<>();

  synchronized void add(Books books) {
    rows.add(books);
  }

  synchronized String markdown() {
    StringBuilder table = new StringBuilder();
    table.append("Last run: ").append(LocalDate.now(ZoneOffset.UTC)).append(", JDK ")
        .append(System.getProperty("java.version")).append(", ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores. Counts are events (data category `error`).\n\n");
    table.append("| fault | setup | captured | accepted (2xx) | refused, counted `send_error` | answered 429 (Sentry counts) "
        + "| dropped and counted | in outbox | balanced | drops acknowledged in client reports | slowest capture call "
        + "| `close()` | notes |\n");
    table.append("| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: | ---: | ---: | --- |\n");
    for (Books row : rows) {
      table.append("| ").append(row.fault()).append(" | ").append(row.setup()).append(" | ").append(row.captured())
          .append(" | ").append(row.accepted()).append(" | ").append(row.sendError()).append(" | ").append(row.tooMany())
          .append(" | ").append(row.droppedText()).append(" | ").append(row.inOutbox()).append(" | ").append(row.balance())
          .append(" | ").append(reported(row.reportedToSentry())).append(" | ")
          .append(Double.isNaN(row.slowestCaptureMillis()) ? "n/a"
              : String.format(Locale.ROOT, "%.1f ms", row.slowestCaptureMillis())).append(" | ")
          .append(row.closeMillis()).append(" ms | ").append(row.notes()).append(" |\n");
    }
    return table.toString();
  }

  private static String reported(Map<String, Long> reported) {
    long errors = reported.entrySet().stream().filter(e -> e.getKey().endsWith("/error"))
        .mapToLong(Map.Entry::getValue).sum();
    return String.valueOf(errors);
  }

  /** Writes the table to the build directory, and into the docs when asked to. */
  synchronized void write() {
    String table = markdown();
    try {
      Path target = Path.of("target", "reliability-table.md");
      Files.createDirectories(target.getParent());
      Files.writeString(target, table, StandardCharsets.UTF_8);
      if (Boolean.getBoolean("sentry.faults.docs")) {
        Path docs = Path.of(System.getProperty("sentry.faults.docsFile", "../docs/RELIABILITY.md"));
        String text = Files.readString(docs, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
          throw new IllegalStateException(docs + " has no markers " + BEGIN + " ... " + END);
        }
        Files.writeString(docs, text.substring(0, begin + BEGIN.length()) + "\n" + table + text.substring(end),
            StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reliability table", e);
    }
  }

  @Override
  public synchronized String toString() {
    return rows.stream().map(Books::toString).collect(Collectors.joining("\n"));
  }
}

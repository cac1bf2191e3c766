package sentry.core.accounting;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Writes an envelope that holds only a client report; {@code EnvelopeWriter::writeClientReport}
 * is one. The dispatcher sends it as it is, or attaches its item to another envelope.
 */
@FunctionalInterface
public interface ClientReportWriter {
  /**
   * Writes a client report envelope: a header line, then one {@code client_report} item.
   *
   * @param out where to write; not closed
   * @param discarded dropped items by {@code "reason/category"}
   * @return false, and nothing written, when there was no positive count to report
   * @throws IOException if the stream fails
   */
  boolean write(OutputStream out, Map<String, Long> discarded) throws IOException;
}

package sentry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sentry.core.FaultAccess;
import sentry.faults.FaultServer.Action;

/**
 * Attacks on the SDK that the fault suite's table does not book event by event: files planted in
 * its cache directory and hostile answers. Where memory is the point, the SDK runs in a child JVM
 * with a small heap ({@link HostileApp}). docs/RELIABILITY.md lists them with what the SDK does.
 */
class HostileTest {
  private static final Duration CHILD = Duration.ofSeconds(120);

  @TempDir
  Path cacheDir;

  /** The child's lines until {@code done}; fails with what it printed when it ends otherwise. */
  private static List<String> runChild(List<String> jvmOptions, String... args) throws Exception {
    try (Child child = Child.start(Path.of("target", "hostile"), jvmOptions, HostileApp.class, args)) {
      List<String> lines = child.linesUntil("done", CHILD);
      assertThat(child.await(CHILD)).as("exit code; stderr: %s", child.stderr()).isZero();
      assertThat(child.stderr()).doesNotContain("OutOfMemoryError");
      return lines;
    }
  }

  private static String line(List<String> lines, String key) {
    return lines.stream().filter(line -> line.startsWith(key + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no line " + key + " in " + lines)).substring(key.length() + 1);
  }

  /**
   * A 3 GB (sparse) ready file and a 190 KB gzip that inflates to 190 MB, left claimed by a dead
   * process, in the outbox of a JVM with a 256 MB heap: both are removed and counted, and every
   * event captured meanwhile is delivered.
   */
  @Test
  void aPoisonedOutboxNeitherExhaustsTheHeapNorStopsSending() throws Exception {
    try (FaultServer server = FaultServer.start(n -> Action.answer(200))) {
      Path outbox = Files.createDirectories(FaultAccess.outboxDirectory(server.dsn(), cacheDir));
      Files.setPosixFilePermissions(outbox, PosixFilePermissions.fromString("rwx------"));
      String created = String.format("%013d", System.currentTimeMillis() - 60_000);
      Path sparse = outbox.resolve(created + "-00000000000000aa-00000000-error-none.envelope");
      try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
        file.setLength(3L << 30);
      }
      Path bomb = outbox.resolve(created + "-00000000000000bb-00000001-error-none~00000000000000bb.sending");
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb), 1 << 16)) {
        out.write("{\"event_id\":\"0123456789abcdef0123456789abcdef\"}\n".getBytes(StandardCharsets.UTF_8));
        byte[] spaces = new byte[1 << 20];
        java.util.Arrays.fill(spaces, (byte) ' ');
        for (int i = 0; i < 190; i++) {
          out.write(spaces);
        }
      }
      assertThat(Files.size(bomb)).isLessThan(1L << 20);

      List<String> lines = runChild(List.of("-Xmx256m"), server.dsn(), cacheDir.toString(), "20", "0", "30000");

      assertThat(line(lines, "flushed")).isEqualTo("true");
      assertThat(server.accepted()).hasSize(20);
      assertThat(line(lines, "drops")).contains("send_error/error=2");
      assertThat(sparse).doesNotExist();
      assertThat(bomb).doesNotExist();
      try (Stream<Path> left = Files.walk(outbox)) {
        assertThat(left.filter(Files::isRegularFile)).allSatisfy(file -> assertThat(Files.size(file)).isLessThan(1L << 20));
      }
    }
  }
}

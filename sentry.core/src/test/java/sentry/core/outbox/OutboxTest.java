package sentry.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox as storage: names, claims between owners, owners that die, corrupt files. */
class OutboxTest {
  @TempDir Path root;

  private final Clock clock = Clock.fixed(Instant.parse("2030-01-02T03:04:05.678Z"), ZoneOffset.UTC);
  private final List<String> discarded = new CopyOnWriteArrayList<>();
  private final List<Outbox> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Outbox::close);
  }

  private OutboxSettings settings() {
    return new OutboxSettings(root, "https://o1.example/api/7/envelope/ key", 100, 10 << 20,
        OutboxSettings.DEFAULT_MAX_AGE);
  }

  private Outbox open() {
    Outbox outbox = new Outbox(settings(), clock, (why, category, eventId, key) -> discarded.add(why + " " + category));
    opened.add(outbox);
    assertThat(outbox.open()).isTrue();
    return outbox;
  }

  static byte[] envelope(int number) throws IOException {
    String text = "{\"event_id\":\"" + String.format("%032x", number) + "\"}\n{\"type\":\"event\",\"length\":2}\n{}\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private List<String> fileNames() throws IOException {
    try (Stream<Path> files = Files.list(settings().directory())) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void makingAnOutboxTouchesNoDisk() {
    Outbox outbox = new Outbox(settings(), clock, (why, category, eventId, key) -> { });

    assertThat(outbox.status()).isEqualTo(Outbox.Status.NOT_OPEN);
    assertThat(Files.exists(settings().directory())).isFalse();
    assertThat(outbox.write(new byte[] {1}, "error", null)).isNull();
    assertThat(Files.exists(settings().directory())).isFalse();
  }

  @Test
  void aWrittenFileIsClaimedByItsWriterUntilReleased() throws IOException {
    Outbox outbox = open();
    Stored stored = outbox.write(envelope(1), "error", String.format("%032x", 1));

    assertThat(stored.eventId()).isEqualTo(String.format("%032x", 1));
    assertThat(outbox.entries()).singleElement().satisfies(entry -> {
      assertThat(entry.claimedBy()).isEqualTo(outbox.owner());
      assertThat(entry.category()).isEqualTo("error");
      assertThat(entry.created()).isEqualTo(clock.instant());
      assertThat(entry.fileName()).startsWith(clock.millis() + "-" + outbox.owner() + "-00000000-error-");
    });
    assertThat(outbox.claimNext(category -> true)).isNull();
    assertThat(new String(outbox.read(stored), StandardCharsets.UTF_8)).startsWith("{\"event_id\"");

    assertThat(outbox.release(stored)).isTrue();
    assertThat(outbox.entries()).singleElement().satisfies(entry -> assertThat(entry.claimedBy()).isNull());
    Stored again = outbox.claimNext(category -> true);
    assertThat(again.eventId()).isEqualTo(stored.eventId());
    outbox.delete(again);
    assertThat(outbox.entries()).isEmpty();
  }

  @Test
  void claimNextSkipsCategoriesThatMayNotBeSent() throws IOException {
    Outbox outbox = open();
    outbox.release(outbox.write(envelope(1), "error", null));
    outbox.release(outbox.write(envelope(2), "session", null));

    assertThat(outbox.claimNext(category -> !category.equals("error")).category()).isEqualTo("session");
    assertThat(outbox.claimNext(category -> !category.equals("error"))).isNull();
    assertThat(outbox.readyCount()).isEqualTo(1);
  }

  /** Opens an outbox of at most 2 files whose listener adds {@code "<why> <key>"} to {@code keys}. */
  private Outbox openTwoFileOutbox(List<String> keys) {
    OutboxSettings two = new OutboxSettings(root, "https://o1.example/api/7/envelope/ key", 2, 10 << 20,
        OutboxSettings.DEFAULT_MAX_AGE);
    Outbox outbox = new Outbox(two, clock, (why, category, eventId, key) -> keys.add(why + " " + key));
    opened.add(outbox);
    assertThat(outbox.open()).isTrue();
    return outbox;
  }

  @Test
  void aFileKeepsItsKeyWhenReleasedAndClaimedAndTheListenerIsToldIt() throws IOException {
    List<String> keys = new CopyOnWriteArrayList<>();
    Outbox outbox = openTwoFileOutbox(keys);
    Stored first = outbox.write(envelope(1), "error", String.format("%032x", 1));
    Stored second = outbox.write(envelope(2), "error", String.format("%032x", 2));
    assertThat(first.key()).isNotEqualTo(second.key());
    outbox.release(first);
    outbox.release(second);
    Stored claimed = outbox.claimNext(category -> true);
    assertThat(claimed.key()).isEqualTo(first.key());
    outbox.release(claimed);
    Stored again = outbox.claim(second);
    assertThat(again.key()).isEqualTo(second.key());
    assertThat(outbox.claim(second)).as("already claimed").isNull();
    outbox.release(again);

    // Full: the oldest ready file makes room, and the listener hears which one it was.
    outbox.write(envelope(3), "error", String.format("%032x", 3));

    assertThat(keys).containsExactly("OVERFLOW " + first.key());
  }

  @Test
  void writeIfRoomRemovesNothingAndTakesNothingOnceFull() throws IOException {
    List<String> keys = new CopyOnWriteArrayList<>();
    Outbox outbox = openTwoFileOutbox(keys);
    outbox.release(outbox.writeIfRoom(envelope(1), "error", String.format("%032x", 1)));
    outbox.release(outbox.writeIfRoom(envelope(2), "error", String.format("%032x", 2)));

    assertThat(outbox.writeIfRoom(envelope(3), "error", String.format("%032x", 3))).isNull();
    assertThat(keys).isEmpty();
    assertThat(outbox.entries()).hasSize(2);
    // write makes room as ever.
    assertThat(outbox.write(envelope(3), "error", String.format("%032x", 3))).isNotNull();
    assertThat(keys).hasSize(1);
  }

  @Test
  void aWriteOnAnInterruptedThreadStillWritesAndKeepsTheInterrupt() throws IOException {
    Outbox outbox = open();
    Thread.currentThread().interrupt();
    try {
      Stored stored = outbox.write(envelope(1), "error", String.format("%032x", 1));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(stored).isNotNull();
      assertThat(outbox.read(stored)).isNotNull();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void ownersInManyThreadsClaimEachFileOnce() throws Exception {
    Outbox writer = open();
    for (int i = 0; i < 100; i++) {
      writer.release(writer.write(envelope(i), "error", String.format("%032x", i)));
    }
    List<Outbox> owners = List.of(open(), open(), open(), open());
    Set<String> claimed = ConcurrentHashMap.newKeySet();
    List<String> twice = new CopyOnWriteArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Outbox owner = owners.get(t % owners.size());
      done.add(threads.submit(() -> {
        start.await();
        Stored stored;
        while ((stored = owner.claimNext(category -> true)) != null) {
          if (!claimed.add(stored.eventId())) {
            twice.add(stored.eventId());
          }
          owner.delete(stored);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> future : done) {
      future.get(60, TimeUnit.SECONDS);
    }
    threads.shutdown();

    assertThat(twice).isEmpty();
    assertThat(claimed).hasSize(100);
    assertThat(discarded).isEmpty();
    assertThat(writer.entries()).isEmpty();
  }

  @Test
  void theClaimsOfAProcessKilledWithSigkillAreTakenBack() throws Exception {
    Outbox outbox = open();
    Stored stored = outbox.write(envelope(1), "error", null);
    outbox.release(stored);
    String other = "00000000000000cc";
    Path directory = settings().directory();
    String ready = fileNames().stream().filter(name -> name.endsWith(".envelope")).findFirst().orElseThrow();
    Files.move(directory.resolve(ready), directory.resolve(ready.replace(".envelope", "~" + other + ".sending")));

    Process holder = holdLockInAnotherJvm(directory.resolve("owner-" + other + ".lock"));
    try {
      // Alive in another process: its claim stands.
      assertThat(outbox.claimNext(category -> true)).isNull();
      assertThat(outbox.entries()).singleElement().satisfies(entry -> assertThat(entry.claimedBy()).isEqualTo(other));
    } finally {
      holder.destroyForcibly();
      assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    // Killed: the OS freed its lock, so its claim is taken back.
    Stored taken = outbox.claimNext(category -> true);
    assertThat(taken).isNotNull();
    assertThat(outbox.entries()).singleElement().satisfies(entry -> assertThat(entry.claimedBy()).isEqualTo(outbox.owner()));
    assertThat(fileNames()).doesNotContain("owner-" + other + ".lock");
  }

  /** Starts a JVM that takes an owner's lock as an outbox does, then waits to be killed. */
  private static Process holdLockInAnotherJvm(Path lockFile) throws Exception {
    Path source = lockFile.getParent().getParent().resolve("HoldLock.java");
    Files.writeString(source, String.join("\n",
        "import java.nio.channels.FileChannel;",
        "import java.nio.file.*;",
        "public class HoldLock {",
        "  public static void main(String[] args) throws Exception {",
        "    Path file = Path.of(args[0]);",
        "    Path temporary = Path.of(args[0] + \".tmp\");",
        "    FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);",
        "    if (channel.tryLock() == null) { System.exit(2); }",
        "    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);",
        "    System.out.println(\"locked\");",
        "    System.out.flush();",
        "    Thread.sleep(600_000);",
        "  }",
        "}"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, source.toString(), lockFile.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<String> line = reader.submit(() -> new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine());
      assertThat(line.get(120, TimeUnit.SECONDS)).isEqualTo("locked");
    } catch (Exception | AssertionError e) {
      process.destroyForcibly();
      throw e;
    } finally {
      reader.shutdownNow();
    }
    return process;
  }

  @Test
  void closingReleasesTheLockSoTheNextOwnerTakesLeftClaimsBack() throws IOException {
    Outbox first = open();
    Stored stuck = first.write(envelope(1), "error", null);
    assertThat(fileNames()).contains("owner-" + first.owner() + ".lock");

    first.close();

    assertThat(first.status()).isEqualTo(Outbox.Status.CLOSED);
    assertThat(fileNames()).doesNotContain("owner-" + first.owner() + ".lock");
    Outbox second = open();
    Stored taken = second.claimNext(category -> true);
    assertThat(taken).isNotNull();
    assertThat(taken.size()).isEqualTo(stuck.size());
  }

  @Test
  void fiveThousandForeignFilesGiveOneSummaryWarning() throws IOException {
    Path directory = Files.createDirectories(settings().directory());
    for (int i = 0; i < 5_000; i++) {
      Files.write(directory.resolve("foreign-" + i + ".envelope"), new byte[] {1});
    }

    Outbox outbox = open();

    assertThat(outbox.warnings()).isEqualTo(1);
    assertThat(fileNames()).noneMatch(name -> name.startsWith("foreign-"));
  }

  /** Ten thousand files the outbox does not own: a write or a claim must not list them every time. */
  @Test
  void writesAndClaimsDoNotListTheDirectoryEachTime() throws IOException {
    Path directory = Files.createDirectories(settings().directory());
    for (int i = 0; i < 10_000; i++) {
      Files.write(directory.resolve("stale-" + i + ".bin"), new byte[0]);
    }
    Outbox outbox = open();
    long listingsAtOpen = outbox.listings();

    for (int i = 0; i < 200; i++) {
      Stored stored = outbox.write(envelope(i), "error", String.format("%032x", i));
      outbox.release(stored);
      Stored claimed = outbox.claimNext(category -> true);
      assertThat(claimed.key()).isEqualTo(stored.key());
      assertThat(outbox.read(claimed)).isNotNull();
      outbox.delete(claimed);
      assertThat(outbox.readyCount()).isZero();
    }

    assertThat(outbox.listings() - listingsAtOpen).as("listings for 200 envelopes").isLessThanOrEqualTo(2);
    assertThat(outbox.entries()).isEmpty();
  }

  /** Opens an outbox that is expected to refuse its directory, after a planted envelope was put there. */
  private Outbox openRefused(Path directory) throws IOException {
    Path planted = directory.resolve(FileName.of(clock.millis() - 1_000, "00000000000000aa", 0, "error", null).ready());
    Files.write(planted, envelope(666));
    Outbox outbox = new Outbox(settings(), clock, (why, category, eventId, key) -> discarded.add(why + " " + category));
    opened.add(outbox);
    assertThat(outbox.open()).isFalse();
    assertThat(outbox.status()).isEqualTo(Outbox.Status.UNUSABLE);
    assertThat(outbox.warnings()).isEqualTo(1);
    assertThat(outbox.claimNext(category -> true)).as("a planted envelope is never sent").isNull();
    assertThat(outbox.write(envelope(1), "error", null)).isNull();
    assertThat(planted).exists();
    return outbox;
  }

  @Test
  void aDirectoryWritableByOthersIsRefused() throws IOException {
    Path directory = Files.createDirectories(settings().directory());
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));

    openRefused(directory);
  }

  @Test
  void aDirectoryWritableByItsGroupIsRefused() throws IOException {
    Path directory = Files.createDirectories(settings().directory());
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwx---"));

    openRefused(directory);
  }

  @Test
  void aSymbolicLinkForTheDirectoryIsNotFollowed() throws IOException {
    Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
    Files.createSymbolicLink(settings().directory(), elsewhere);

    openRefused(settings().directory());
  }

  @Test
  void aDirectoryOwnedByAnotherUserIsRefused() throws IOException {
    Path directory = Files.createDirectories(settings().directory());
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    Path planted = directory.resolve(FileName.of(clock.millis() - 1_000, "00000000000000aa", 0, "error", null).ready());
    Files.write(planted, envelope(666));
    UserPrincipal nobody = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    try {
      Files.setOwner(directory, nobody);
    } catch (FileSystemException e) {
      // Only root can give a directory away; the suite runs as root in CI's container.
      Assumptions.abort("cannot chown to nobody without root: " + e);
    }
    Outbox outbox = new Outbox(settings(), clock, (why, category, eventId, key) -> discarded.add(why + " " + category));
    opened.add(outbox);

    assertThat(outbox.open()).isFalse();
    assertThat(outbox.warnings()).isEqualTo(1);
    assertThat(outbox.claimNext(category -> true)).isNull();
    assertThat(planted).exists();
  }

  @Test
  void aDirectoryItMakesIsItsOwnersOnly() throws IOException {
    open();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings().directory())))
        .isEqualTo("rwx------");
  }

  @Test
  void aCorruptFileIsMovedAsideAndToldAsCorrupt() throws IOException {
    Outbox outbox = open();
    Stored stored = outbox.write("not gzip at all".getBytes(StandardCharsets.UTF_8), "session", null);

    assertThat(outbox.read(stored)).isNull();

    assertThat(discarded).containsExactly("CORRUPT session");
    assertThat(outbox.entries()).isEmpty();
    try (Stream<Path> aside = Files.list(settings().directory().resolve("corrupt"))) {
      assertThat(aside.map(path -> path.getFileName().toString())).singleElement()
          .satisfies(name -> assertThat(name).endsWith("-session-none.envelope"));
    }
  }

  @Test
  void aHeaderThatIsNotAJsonObjectIsCorrupt() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write("[1,2]\n{}\n".getBytes(StandardCharsets.UTF_8));
    }
    Outbox outbox = open();
    Stored stored = outbox.write(bytes.toByteArray(), "error", null);

    assertThat(outbox.read(stored)).isNull();
    assertThat(discarded).containsExactly("CORRUPT error");
  }

  @Test
  void filesAreReadableByTheirOwnerOnly() throws IOException {
    Outbox outbox = open();
    Stored stored = outbox.write(envelope(1), "error", null);
    Path directory = settings().directory();
    if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
    Path file = directory.resolve(fileNames().stream().filter(name -> name.endsWith(".sending")).findFirst().orElseThrow());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(stored.size()).isEqualTo(Files.size(file));
  }

  @Test
  void theSubDirectoryNameIsAHashThatHoldsNoKey() {
    OutboxSettings settings = new OutboxSettings(root, "https://example.test/api/1/envelope/ my-public-key", 1, 1,
        OutboxSettings.DEFAULT_MAX_AGE);

    assertThat(settings.directory().getFileName().toString()).matches("[0-9a-f]{32}").doesNotContain("key");
    assertThat(settings.toString()).doesNotContain("my-public-key");
  }

  @Test
  void namesRoundTripAndCleanWhatTheyHold() {
    FileName name = FileName.of(1234, "0123456789abcdef", 7, "Weird-Category!", "0123456789ABCDEF0123456789abcdef");

    assertThat(name.category()).isEqualTo("weird_category_");
    assertThat(name.eventId()).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(FileName.parseBase(name.base())).isEqualTo(name);
    assertThat(FileName.parseBase(FileName.of(1, "0123456789abcdef", 1, "error", "not-an-id").base()).eventId()).isNull();
    assertThat(FileName.parseBase("../../etc/passwd")).isNull();
  }
}

package sentry.integration.argv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgFilesTest {
  @Test
  void whiteSpaceSeparates() {
    assertThat(ArgFiles.tokens(" -cp\tx.jar\r\n\fMain  a\n")).containsExactly("-cp", "x.jar", "Main", "a");
  }

  @Test
  void quotesGroupAndMayStartMidArgument() {
    assertThat(ArgFiles.tokens("\"a b\" 'c \"d\"' -Dx=\"y z\" \"\""))
        .containsExactly("a b", "c \"d\"", "-Dx=y z", "");
  }

  @Test
  void backslashesEscapeInsideQuotesOnly() {
    assertThat(ArgFiles.tokens("C:\\dir\\x.jar \"tab\\there\" \"q\\\"uote\""))
        .containsExactly("C:\\dir\\x.jar", "tab\there", "q\"uote");
  }

  @Test
  void aBackslashAtTheEndOfALineInQuotesJoinsTheNextLine() {
    assertThat(ArgFiles.tokens("\"lib/a.jar:\\\n    lib/b.jar\" Main")).containsExactly("lib/a.jar:lib/b.jar", "Main");
  }

  @Test
  void anUnclosedQuoteEndsAtTheEndOfTheLine() {
    assertThat(ArgFiles.tokens("\"open quote\nMain")).containsExactly("open quote", "Main");
  }

  @Test
  void hashStartsACommentOutsideQuotes() {
    assertThat(ArgFiles.tokens("# options\n-ea # assertions on\n\"#not a comment\"")).containsExactly("-ea", "#not a comment");
  }

  @Test
  void readsARealFileAndReportsAMissingOne(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("args"), "-cp x Main");

    assertThat(ArgFiles.FILE_SYSTEM.read(file.toString())).hasValue("-cp x Main");
    assertThat(ArgFiles.FILE_SYSTEM.read(dir.resolve("missing").toString())).isEmpty();
    assertThat(ArgFiles.FILE_SYSTEM.read("\0")).isEmpty();
  }
}

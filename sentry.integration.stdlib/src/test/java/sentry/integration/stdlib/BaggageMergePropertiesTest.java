package sentry.integration.stdlib;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests of how our baggage joins the application's: its members stay first and as they
 * were, ours follow in order as far as the W3C limits allow, and a baggage with a sampling context
 * of its own is left alone.
 */
class BaggageMergePropertiesTest {
  @Provide
  Arbitrary<String> member() {
    Arbitrary<String> key = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_-*")
        .ofMinLength(1).ofMaxLength(20).filter(k -> !k.startsWith("sentry-"));
    Arbitrary<String> value = Arbitraries.strings().withChars("abcXYZ0189%!#&'*+-./:<=>?@[]^_`{|}~")
        .ofMaxLength(400);
    Arbitrary<String> property = Arbitraries.of("", ";p", ";p=1");
    return Combinators.combine(key, value, property).as((k, v, p) -> k + "=" + v + p);
  }

  /** The application's baggage header values: up to 80 members over one to three header lines. */
  @Provide
  Arbitrary<List<String>> theirs() {
    return member().list().ofMaxSize(80).flatMap(members -> Arbitraries.integers().between(1, 3).map(lines -> {
      List<String> values = new ArrayList<>();
      int per = Math.max(1, (members.size() + lines - 1) / lines);
      for (int i = 0; i < members.size(); i += per) {
        values.add(String.join(", ", members.subList(i, Math.min(members.size(), i + per))));
      }
      return values;
    }));
  }

  @Provide
  Arbitrary<String> ours() {
    Arbitrary<String> release = Arbitraries.strings().withChars("abc@.1%2C").ofMaxLength(300);
    return release.map(r -> "sentry-trace_id=771a43a4192642f0b136d5159a501700,sentry-public_key=k,"
        + "sentry-release=" + r + ",sentry-environment=production,sentry-sample_rand=0.123456");
  }

  @Property(tries = 400)
  void theApplicationsMembersStayFirstAndOursFollowWithinTheLimits(@ForAll("theirs") List<String> theirs,
      @ForAll("ours") String ours) {
    String merged = TracePropagation.mergeBaggage(theirs, ours);
    String joined = String.join(",", theirs).strip();
    List<String> theirMembers = members(joined);
    if (theirMembers.isEmpty()) {
      assertThat(merged).isEqualTo(ours);
      return;
    }
    boolean roomForOne = theirMembers.size() < 64
        && bytes(joined) + 1 + ours.split(",")[0].length() <= 8192;
    if (!roomForOne) {
      assertThat(merged).as("nothing fits: the header is left as it was").isNull();
      return;
    }
    assertThat(merged).startsWith(joined);
    List<String> added = members(merged.substring(joined.length()));
    assertThat(List.of(ours.split(","))).containsSubsequence(added);
    assertThat(added).isNotEmpty();
    if (theirMembers.size() <= 64 && bytes(joined) <= 8192) {
      assertThat(members(merged)).hasSizeLessThanOrEqualTo(64);
      assertThat(bytes(merged)).isLessThanOrEqualTo(8192);
    }
  }

  @Property(tries = 200)
  void aBaggageWithSentryMembersOfItsOwnIsLeftAlone(@ForAll("theirs") List<String> theirs,
      @ForAll("ours") String ours) {
    List<String> withDsc = new ArrayList<>(theirs);
    withDsc.add("sentry-trace_id=abc");
    assertThat(TracePropagation.mergeBaggage(withDsc, ours)).isNull();
    assertThat(TracePropagation.mergeBaggage(List.of(), ours)).isEqualTo(ours);
    assertThat(TracePropagation.mergeBaggage(theirs, "")).isNull();
  }

  @Property(tries = 100)
  void theTraceparentFollowsTheW3cGrammar(@ForAll("hex32") String trace, @ForAll("hex16") String span,
      @ForAll("flag") String flag) {
    String traceparent = TracePropagation.traceparent(trace + "-" + span + flag);
    assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")
        .isEqualTo("00-" + trace + "-" + span + (flag.equals("-1") ? "-01" : "-00"));
  }

  @Provide
  Arbitrary<String> hex32() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(32);
  }

  @Provide
  Arbitrary<String> hex16() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(16);
  }

  @Provide
  Arbitrary<String> flag() {
    return Arbitraries.of("", "-0", "-1");
  }

  private static List<String> members(String baggage) {
    List<String> members = new ArrayList<>();
    for (String member : baggage.split(",")) {
      if (!member.isBlank()) {
        members.add(member.strip());
      }
    }
    return members;
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}

package sentry.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The report's "Per transport" section: this SDK end to end once per transport, by name. */
final class TransportReport {
  private TransportReport() {}

  static void render(StringBuilder md, Results results, Suite.Plan plan) {
    md.append("### Per transport\n\n");
    md.append(ReportText.transportIntro(plan));
    md.append("| server | transport | captured | delivered | seconds | events/s | most requests at once "
        + "| SDK threads' CPU per event | whole-process CPU per event | allocated by SDK threads per event "
        + "| drops the SDK counted |\n");
    md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    List<String> missing = new java.util.ArrayList<>();
    for (String server : List.of("fast", "slow")) {
      for (String transport : TransportChoice.MODULES.keySet()) {
        Map<String, String> run = results.transports.get(server + "|" + transport);
        if (run == null) {
          if (server.equals("fast")) {
            missing.add(transport);
          }
          continue;
        }
        Map<String, String> drops = new TreeMap<>();
        run.forEach((key, value) -> {
          if (key.startsWith("dropped.")) {
            drops.put(key.substring("dropped.".length()), value);
          }
        });
        md.append("| ").append(server.equals("fast") ? "answers at once" : "100 ms per request").append(" | `")
            .append(transport).append("` (").append(TransportChoice.origin(transport)).append(") | ")
            .append(run.getOrDefault("captured", "")).append(" | ").append(run.getOrDefault("delivered", ""))
            .append(" | ").append(Report.number(Results.number(run.get("seconds")))).append(" | ")
            .append(Report.number(Results.number(run.get("eventsPerSecond")))).append(" | ")
            .append(run.getOrDefault("maxConcurrentRequests", "")).append(" | ")
            .append(Report.number(Results.number(run.get("cpuMicrosPerEvent.sdkThreads")))).append(" µs | ")
            .append(Report.number(Results.number(run.get("cpuMicrosPerEvent.process")))).append(" µs | ")
            .append(Report.number(Results.number(run.get("sdkThreadBytesPerEvent")))).append(" B | ")
            .append(drops.isEmpty() ? "none" : drops.toString()).append(" |\n");
      }
    }
    md.append('\n');
    for (String transport : missing) {
      md.append("Not run: `").append(transport).append("`, because no transport of that name is on the ")
          .append("benchmark's class path (add `").append(TransportChoice.MODULES.get(transport))
          .append("` to `benchmarks/pom.xml`).\n\n");
    }
    comparison(md, results);
  }

  /** Compares the transports on the figures of this run, when both ran. */
  private static void comparison(StringBuilder md, Results results) {
    Map<String, String> jdk = results.transports.get("fast|jdk");
    Map<String, String> httpcore = results.transports.get("fast|httpcore");
    if (jdk == null || httpcore == null) {
      return;
    }
    md.append("Against the server that answers at once, the `jdk` transport's SDK threads used ")
        .append(times(jdk, httpcore, "cpuMicrosPerEvent.sdkThreads"))
        .append(" the CPU per event of `httpcore`'s, the whole process ")
        .append(times(jdk, httpcore, "cpuMicrosPerEvent.process"))
        .append(", and it delivered ").append(times(jdk, httpcore, "eventsPerSecond"))
        .append(" the events per second.\n\n");
  }

  private static String times(Map<String, String> jdk, Map<String, String> httpcore, String key) {
    return Growth.times(Results.number(jdk.get(key)) / Results.number(httpcore.get(key)));
  }
}

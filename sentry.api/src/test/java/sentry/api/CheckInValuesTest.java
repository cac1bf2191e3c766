package sentry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckInValuesTest {
  @Test
  void finishKeepsIdSlugAndTraceAndDropsTheConfig() {
    SentryId trace = SentryId.random();
    CheckIn started = CheckIn.inProgress("job").withTraceId(trace)
        .withMonitorConfig(MonitorConfig.of(MonitorSchedule.crontab("* * * * *")));

    CheckIn done = started.finish(CheckIn.Status.ERROR, Duration.ofSeconds(3));

    assertThat(done.checkInId()).isEqualTo(started.checkInId());
    assertThat(done.monitorSlug()).isEqualTo("job");
    assertThat(done.traceId()).isEqualTo(trace);
    assertThat(done.monitorConfig()).isNull();
    assertThat(done.status().protocolName()).isEqualTo("error");
    assertThat(CheckIn.Status.IN_PROGRESS.protocolName()).isEqualTo("in_progress");
  }

  @Test
  void badValuesAreRefusedNamingTheValueAndTheRule() {
    assertThatThrownBy(() -> CheckIn.inProgress(" ")).hasMessageContaining("monitor slug \" \" is blank");
    assertThatThrownBy(() -> CheckIn.inProgress("job").finish(CheckIn.Status.OK, Duration.ofSeconds(-1)))
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> MonitorConfig.of(MonitorSchedule.interval(1, MonitorSchedule.Unit.HOUR))
        .withCheckinMargin(Duration.ofSeconds(90)))
        .hasMessage("monitor config checkinMargin PT1M30S is not a positive number of whole minutes:"
            + " Sentry counts it in minutes");
    assertThatThrownBy(() -> MonitorSchedule.interval(0, MonitorSchedule.Unit.DAY)).hasMessageContaining("below 1");
    assertThatThrownBy(() -> MonitorSchedule.crontab("")).hasMessageContaining("blank");
    assertThatThrownBy(() -> CheckIn.inProgress(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("monitorSlug");
  }
}

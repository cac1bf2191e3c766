package sentry.integration.stdlib;

import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;

/** An HttpClient 5 exec callback that keeps what it was given. */
final class RecordingCallback implements AsyncExecCallback {
  volatile HttpResponse response;
  volatile Exception failure;
  volatile int completed;

  @Override
  public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails entityDetails) {
    this.response = response;
    return null;
  }

  @Override
  public void handleInformationResponse(HttpResponse response) {}

  @Override
  public void completed() {
    completed++;
  }

  @Override
  public void failed(Exception cause) {
    failure = cause;
  }
}

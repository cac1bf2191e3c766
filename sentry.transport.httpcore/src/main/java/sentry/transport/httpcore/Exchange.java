package sentry.transport.httpcore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.apache.hc.core5.http.impl.DefaultConnectionReuseStrategy;
import org.apache.hc.core5.http.nio.AsyncClientExchangeHandler;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import sentry.api.transport.TransportResponse;

/**
 * One request and its response on an HttpCore connection: sends a byte array (or nothing),
 * keeps the status and the two headers the rate limiter needs, and throws the body away, reading
 * at most {@code maxBodyBytes} of it: past that, or when {@link #cutShort} ends it early, it
 * reports the status it has (or fails if none came) and the connection is not reused. Runs on the
 * I/O reactor thread, but for {@link #cutShort}; reports exactly once.
 */
final class Exchange implements AsyncClientExchangeHandler {
  /** Hears how an exchange ended. Called once, usually on the I/O reactor thread. */
  interface Listener {
    /**
     * The exchange is over.
     *
     * @param exchange the exchange
     * @param response the answer, or null on failure
     * @param failure why there is no answer, or null
     */
    void done(Exchange exchange, TransportResponse response, Exception failure);
  }

  private static final ContentType ENVELOPE = ContentType.create("application/x-sentry-envelope");

  private final HttpRequest request;
  private final ByteBuffer body;
  private final Listener listener;
  private final long maxBodyBytes;
  private final AtomicBoolean done = new AtomicBoolean();
  /** Body bytes read so far; the reactor thread's alone. */
  private long bodyBytes;
  private volatile boolean cut;
  private volatile boolean started;
  private volatile boolean keepAlive;
  private volatile HttpResponse head;

  /**
   * Prepares an exchange.
   *
   * @param request the request head; HttpCore's interceptors add to it, so use it once
   * @param body the envelope body, or null for a request without one ({@code CONNECT})
   * @param listener told when it ends
   * @param maxBodyBytes how much of the answer's body to read at most
   */
  Exchange(HttpRequest request, byte[] body, Listener listener, long maxBodyBytes) {
    this.request = request;
    this.body = body == null ? null : ByteBuffer.wrap(body);
    this.listener = listener;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Ends the exchange before its answer is whole (its deadline passed, or its body is too long):
   * reports the answer's status if it came, else {@code why}; the connection is not reused.
   *
   * @param why the failure to report when no status came
   * @return false if the exchange had already ended
   */
  boolean cutShort(Exception why) {
    keepAlive = false;
    cut = true;
    return finish(why);
  }

  /** Tells whether any of the request went out, so whether a retry could send it twice. */
  boolean started() {
    return started;
  }

  /** Tells whether the connection may carry another request after this one. */
  boolean keepAlive() {
    return keepAlive;
  }

  @Override
  public void produceRequest(RequestChannel channel, HttpContext context) throws HttpException, IOException {
    started = true;
    EntityDetails entity = body == null ? null : new BasicEntityDetails(body.remaining(), ENVELOPE);
    channel.sendRequest(request, entity, context);
  }

  @Override
  public int available() {
    return body == null ? 0 : body.remaining();
  }

  @Override
  public void produce(DataStreamChannel channel) throws IOException {
    if (body == null) {
      return;
    }
    if (body.hasRemaining()) {
      channel.write(body);
    }
    if (!body.hasRemaining()) {
      channel.endStream(null);
    }
  }

  @Override
  public void consumeInformation(HttpResponse response, HttpContext context) {
    // 1xx answers carry nothing we need.
  }

  @Override
  public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context) {
    head = response;
    // The same rule HttpCore's connection applies, so the pool and the connection agree.
    keepAlive = DefaultConnectionReuseStrategy.INSTANCE.keepAlive(request, response, context);
    if (entity == null) {
      finish(null);
    }
  }

  @Override
  public void updateCapacity(CapacityChannel channel) throws IOException {
    channel.update(Integer.MAX_VALUE);
  }

  @Override
  public void consume(ByteBuffer data) {
    // Sentry's answer body is only the event id: skip it, and stop reading one that goes on.
    bodyBytes += data.remaining();
    data.position(data.limit());
    if (bodyBytes > maxBodyBytes) {
      cutShort(new IOException("the answer's body is longer than " + maxBodyBytes + " bytes"));
    }
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) {
    finish(null);
  }

  @Override
  public void failed(Exception cause) {
    finish(cause);
  }

  @Override
  public void cancel() {
    finish(new ConnectionClosedException("Request cancelled: the connection was closed"));
  }

  @Override
  public void releaseResources() {
    // Released without an answer: the connection went away under us.
    finish(new ConnectionClosedException("Connection closed before Sentry answered"));
  }

  private boolean finish(Exception failure) {
    if (!done.compareAndSet(false, true)) {
      return false;
    }
    HttpResponse response = head;
    if ((failure == null || cut) && response != null) {
      listener.done(this, new TransportResponse(response.getCode(), value(response, "Retry-After"),
          value(response, "X-Sentry-Rate-Limits")), null);
    } else {
      keepAlive = false;
      listener.done(this, null, failure == null ? new ConnectionClosedException("No answer") : failure);
    }
    return true;
  }

  private static String value(HttpResponse response, String name) {
    Header header = response.getFirstHeader(name);
    return header == null ? null : header.getValue();
  }
}

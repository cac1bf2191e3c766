package sentry.transport.httpcore;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.util.Timeout;

/**
 * Kept-alive connections to the one place the transport talks to (Sentry, or the proxy), at most
 * {@code max} of them, newest reused first. A lease beyond the limit waits for a release.
 *
 * <p>We pool HttpCore sessions ourselves rather than through {@code HttpAsyncRequester}'s pool
 * because a tunnel through a proxy needs the raw session: {@code CONNECT} first, then TLS on the
 * same session. Thread-safe; callbacks run outside the pool's lock.
 */
final class SessionPool {
  /** Opens a session that is ready for requests: connected, tunnelled and TLS-wrapped as needed. */
  interface Connector {
    void open(FutureCallback<IOSession> callback);
  }

  /** Waits for a session. */
  interface Lease {
    /**
     * A session is ready for one request; give it back with {@link #release}.
     *
     * @param session the session
     * @param reused true if it carried requests before, so it may have gone stale
     */
    void ready(IOSession session, boolean reused);

    /**
     * No session could be had.
     *
     * @param cause why
     */
    void failed(Exception cause);
  }

  private final Connector connector;
  private final int max;
  private final Timeout idleTimeout;
  private final ArrayDeque<IOSession> idle = new ArrayDeque<>();
  private final ArrayDeque<Lease> waiting = new ArrayDeque<>();
  private final Set<IOSession> open = new HashSet<>();
  /** Sessions open or being opened. */
  private int allocated;
  private boolean closed;

  SessionPool(Connector connector, int max, Timeout idleTimeout) {
    this.connector = connector;
    this.max = max;
    this.idleTimeout = idleTimeout;
  }

  /** Hands {@code lease} a session now, or once one is free or opened. */
  void lease(Lease lease) {
    IOSession session = null;
    boolean connect = false;
    synchronized (this) {
      if (!closed) {
        session = takeIdle();
        if (session == null) {
          if (allocated >= max) {
            waiting.addLast(lease);
            return;
          }
          allocated++;
          connect = true;
        }
      }
    }
    if (session != null) {
      lease.ready(session, true);
    } else if (connect) {
      openFor(lease);
    } else {
      lease.failed(new IOException("Transport closed"));
    }
  }

  /**
   * Gives a session back.
   *
   * @param session the session from {@link Lease#ready}
   * @param reusable true if its last exchange ended cleanly with keep-alive
   */
  void release(IOSession session, boolean reusable) {
    Lease next;
    boolean keep;
    boolean openNew = false;
    synchronized (this) {
      keep = reusable && !closed && session.isOpen();
      if (keep) {
        next = waiting.pollFirst();
        if (next == null) {
          // The reactor closes a session idle longer than this, so a stale one is rarely leased.
          session.setSocketTimeout(idleTimeout);
          idle.addFirst(session);
          return;
        }
      } else {
        forget(session);
        next = closed ? null : waiting.pollFirst();
        if (next != null) {
          allocated++;
          openNew = true;
        }
      }
    }
    if (!keep) {
      session.close(CloseMode.IMMEDIATE);
    }
    if (openNew) {
      openFor(next);
    } else if (next != null) {
      next.ready(session, true);
    }
  }

  /** Closes every session at once and fails the leases still waiting. */
  void close() {
    List<IOSession> sessions;
    List<Lease> waiters;
    synchronized (this) {
      closed = true;
      sessions = new ArrayList<>(open);
      waiters = new ArrayList<>(waiting);
      idle.clear();
      waiting.clear();
    }
    for (IOSession session : sessions) {
      session.close(CloseMode.IMMEDIATE);
    }
    for (Lease waiter : waiters) {
      waiter.failed(new IOException("Transport closed"));
    }
  }

  private IOSession takeIdle() {
    IOSession session;
    while ((session = idle.pollFirst()) != null) {
      if (session.isOpen()) {
        return session;
      }
      forget(session);
    }
    return null;
  }

  private void forget(IOSession session) {
    if (open.remove(session)) {
      allocated--;
    }
  }

  private void openFor(Lease lease) {
    FutureCallback<IOSession> callback = new FutureCallback<>() {
      @Override
      public void completed(IOSession session) {
        boolean keep;
        synchronized (SessionPool.this) {
          keep = !closed;
          if (keep) {
            open.add(session);
          } else {
            allocated--;
          }
        }
        if (keep) {
          lease.ready(session, false);
        } else {
          session.close(CloseMode.IMMEDIATE);
          lease.failed(new IOException("Transport closed"));
        }
      }

      @Override
      public void failed(Exception cause) {
        openFailed();
        lease.failed(cause);
      }

      @Override
      public void cancelled() {
        failed(new IOException("Connect cancelled"));
      }
    };
    try {
      connector.open(callback);
    } catch (RuntimeException e) {
      callback.failed(e);
    }
  }

  private void openFailed() {
    Lease next;
    synchronized (this) {
      allocated--;
      next = closed ? null : waiting.pollFirst();
      if (next != null) {
        allocated++;
      }
    }
    if (next != null) {
      openFor(next);
    }
  }
}

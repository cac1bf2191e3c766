package sentry.core.delivery;

/**
 * The request slots of a {@link Worker}, with slow start: how many requests may be in flight at
 * once. A fresh window, and one whose last answer was a 429, a 5xx or none at all, lets one
 * request out; each 2xx doubles it, up to {@code maxRequestsInFlight}. So a server that answers
 * the first request with a 429 sees that request alone, not one per slot, and a server that is
 * down is probed one request at a time.
 *
 * <p>A slot is taken with {@link #tryAcquire} or {@link #acquire} and given back exactly once with
 * {@link #release}, which also reports what the answer said. Shrinking never takes back a slot in
 * use: the requests already in flight finish, and no new one starts until fewer are in flight
 * than the window allows. Thread-safe: the worker takes slots on its thread, deliveries give
 * them back on the transport's threads.
 */
final class SendWindow {
  /** What an attempt's answer tells the window. */
  enum Signal {
    /** A 2xx: the window doubles. */
    GROW,
    /** A 429, a 5xx or no answer: the window goes back to one request. */
    SHRINK,
    /** Anything else (nothing sent, a 4xx): the window stays. */
    KEEP
  }

  private final int max;
  private int window = 1;
  private int inFlight;

  /**
   * Makes a window of one request that may grow to {@code maxRequestsInFlight}.
   *
   * @param maxRequestsInFlight the most requests in flight at once; below one counts as one
   */
  SendWindow(int maxRequestsInFlight) {
    this.max = Math.max(1, maxRequestsInFlight);
  }

  /**
   * Takes a slot if the window has one free.
   *
   * @return true if a slot was taken, to be given back with {@link #release}
   */
  synchronized boolean tryAcquire() {
    if (inFlight < window) {
      inFlight++;
      return true;
    }
    return false;
  }

  /**
   * Waits until the window has a slot free, and takes it.
   *
   * @throws InterruptedException if the thread is interrupted while it waits; no slot is taken then
   */
  synchronized void acquire() throws InterruptedException {
    while (inFlight >= window) {
      wait();
    }
    inFlight++;
  }

  /**
   * Gives back a slot taken before, and resizes the window as the answer says.
   *
   * @param signal what the attempt that held the slot learned
   */
  synchronized void release(Signal signal) {
    if (inFlight > 0) {
      inFlight--;
    }
    if (signal == Signal.GROW) {
      window = window > max / 2 ? max : window * 2;
    } else if (signal == Signal.SHRINK) {
      window = 1;
    }
    notifyAll();
  }

  /** Tells how many requests may be in flight now: between one and {@code maxRequestsInFlight}. */
  synchronized int size() {
    return window;
  }

  /** Tells how many slots are taken now. */
  synchronized int inFlight() {
    return inFlight;
  }

  @Override
  public synchronized String toString() {
    return "SendWindow[" + inFlight + " in flight of " + window + ", at most " + max + "]";
  }
}

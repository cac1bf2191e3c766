package sentry.api;

/** What a client offers an integration while it registers. Valid only during the call. */
public interface IntegrationContext {
  /**
   * Returns the client's options; integrations read them and must not change them.
   *
   * @return the options
   */
  SentryOptions options();

  /**
   * Adds an event processor that runs on every event of this client, before the scope's.
   *
   * @param processor the processor
   */
  void addEventProcessor(EventProcessor processor);

  /**
   * Adds values every event of this client gets, contributed once: cheaper than an event
   * processor that copies them into each event (see {@link EventDefaults}).
   *
   * @param defaults the values
   */
  void addEventDefaults(EventDefaults defaults);

  /**
   * Chooses how a new thread gets its hub. Off (the default): a new thread starts from its own
   * copy of the main hub when it first uses the SDK. On: a thread created by a thread that has a
   * hub starts with a copy of that hub, so it sees its parent's scope, and its own changes do not
   * reach the parent.
   *
   * @param inherit true to copy the creating thread's hub into new threads
   */
  void inheritParentHub(boolean inherit);
}

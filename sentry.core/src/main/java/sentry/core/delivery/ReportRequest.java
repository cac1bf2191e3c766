package sentry.core.delivery;

/**
 * Asks the worker for a client report of its own. It goes through the queue like an envelope and
 * counts as pending, so {@code flush} and {@code close} wait for it; its {@link Delivery} takes
 * whatever counts wait when it is sent, and sends nothing when none do. Never counted as a drop.
 */
final class ReportRequest implements QueueItem {}

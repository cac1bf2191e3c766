package sentry.api;

import org.jspecify.annotations.Nullable;

/**
 * One frame of a stack trace as Sentry's protocol describes it.
 *
 * @param filename the source file, or null when the JVM does not know it
 * @param function the method name
 * @param module the fully qualified class name
 * @param lineno the line number, or null when unknown
 * @param inApp whether the frame belongs to the application (not the JDK or a library)
 * @param pkg the JPMS module with its version ({@code name@version}), or null when unnamed
 * @param nativeMethod whether the method is native
 */
public record StackFrame(
    @Nullable String filename,
    String function,
    String module,
    @Nullable Integer lineno,
    boolean inApp,
    @Nullable String pkg,
    boolean nativeMethod) {}

package sentry.integration.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * Registers {@link SentryServletFilter} in every web application that has this jar, as {@code
 * sentry} for {@code /*}, every dispatch type, with async support, before the application's own
 * filters: no line of code, no {@code web.xml}. The container finds it through {@code
 * META-INF/services/jakarta.servlet.ServletContainerInitializer} (or the module's {@code provides}).
 * An application that already has a filter named {@code sentry} keeps its own.
 */
public final class SentryServletContainerInitializer implements ServletContainerInitializer {
  /** The filter's name in the web application. */
  public static final String FILTER_NAME = "sentry";

  /** Made by the container. */
  public SentryServletContainerInitializer() {}

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    FilterRegistration.Dynamic registration = context.addFilter(FILTER_NAME, SentryServletFilter.class);
    if (registration == null) {
      return; // The application registered a filter of that name itself.
    }
    registration.setAsyncSupported(true);
    registration.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
  }
}

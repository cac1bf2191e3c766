package sentry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The null rule over every public method of {@link Sentry}, {@link Hub}, {@link Scope} and {@link
 * SentryClient}, without {@code sentry.core} (sentry.core's NullRuleTest does the same with it): each
 * reference parameter in turn is given null, the others a valid value. A capture call never throws
 * and, given a null subject, returns {@link SentryId#EMPTY}; a parameter marked {@code @Nullable}
 * takes null; any other throws {@link NullPointerException} at once, naming the parameter.
 */
class NullRuleTest {
  @Test
  void noBindingIsPresent() {
    assertThat(SentryRuntime.binding()).isSameAs(NoopBinding.INSTANCE);
  }

  static Stream<Arguments> nullArguments() {
    List<Arguments> calls = new ArrayList<>();
    for (Class<?> type : List.of(Sentry.class, Hub.class, Scope.class, SentryClient.class)) {
      Method[] methods = type == Sentry.class ? type.getDeclaredMethods() : type.getMethods();
      Arrays.sort(methods, Comparator.comparing(Method::toGenericString));
      for (Method method : methods) {
        if (!Modifier.isPublic(method.getModifiers()) || method.getDeclaringClass() != type
            || (type == Sentry.class) != Modifier.isStatic(method.getModifiers())) {
          continue;
        }
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
          if (!parameters[i].getType().isPrimitive()) {
            calls.add(Arguments.of(type.getSimpleName() + "." + method.getName() + "("
                + parameters[i].getName() + " = null)", method, i));
          }
        }
      }
    }
    return calls.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nullArguments")
  void followsTheNullRule(String call, Method method, int nullAt) throws Throwable {
    Parameter parameter = method.getParameters()[nullAt];
    boolean capture = method.getName().startsWith("capture") || method.getName().equals("addBreadcrumb");
    boolean nullable = method.getAnnotatedParameterTypes()[nullAt].isAnnotationPresent(Nullable.class);
    if (capture) {
      assertThat(nullable).as("a capture call takes null: %s is @Nullable", parameter.getName()).isTrue();
      Object result = invoke(method, nullAt);
      if (nullAt == 0 && method.getReturnType() == SentryId.class) {
        assertThat(result).isEqualTo(SentryId.EMPTY);
      }
    } else if (nullable) {
      invoke(method, nullAt);
    } else {
      assertThatThrownBy(() -> invoke(method, nullAt))
          .isInstanceOf(NullPointerException.class)
          .hasMessage(parameter.getName() + " must not be null");
    }
  }

  @Test
  void aFingerprintHoldingNullThrowsAtOnce() {
    Sentry.configureScope(scope -> assertThatThrownBy(() -> scope.setFingerprint(Arrays.asList("a", null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("fingerprint must not hold null"));
  }

  private static Object invoke(Method method, int nullAt) throws Throwable {
    Object target = targetOf(method.getDeclaringClass());
    Class<?>[] types = method.getParameterTypes();
    Object[] arguments = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      arguments[i] = i == nullAt ? null : sample(types[i]);
    }
    Object result;
    try {
      result = method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (result instanceof Hub.Binding binding) {
      binding.close(); // Sentry.continueTrace binds a hub: leave the thread as it was
    }
    return result;
  }

  private static Object targetOf(Class<?> type) {
    if (type == Sentry.class) {
      return null;
    }
    if (type == Hub.class) {
      return Hub.current();
    }
    if (type == SentryClient.class) {
      return Hub.current().client();
    }
    AtomicReference<Scope> scope = new AtomicReference<>();
    Hub.current().configureScope(scope::set);
    if (scope.get() == null) {
      Hub.current().withScope(scope::set); // the no-op hub hands out its scope only there
    }
    return scope.get();
  }

  private static Object sample(Class<?> type) {
    Map<Class<?>, Object> samples = Map.ofEntries(
        Map.entry(String.class, "value"),
        Map.entry(Object.class, "value"),
        Map.entry(Throwable.class, new IllegalStateException("sample")),
        Map.entry(Hint.class, new Hint()),
        Map.entry(Level.class, Level.INFO),
        Map.entry(SentryEvent.class, new SentryEvent()),
        Map.entry(Breadcrumb.class, new Breadcrumb("sample")),
        Map.entry(Consumer.class, (Consumer<Object>) ignored -> {}),
        Map.entry(Map.class, Map.of("k", "v")),
        Map.entry(List.class, List.of("fingerprint")),
        Map.entry(User.class, User.ofId("u-1")),
        Map.entry(EventProcessor.class, (EventProcessor) (event, hint) -> event),
        Map.entry(Duration.class, Duration.ofMillis(10)),
        Map.entry(Class.class, Integration.class),
        Map.entry(CheckIn.class, CheckIn.inProgress("nightly")));
    Object sample = samples.get(type);
    if (sample == null) {
      throw new AssertionError("no sample value for " + type + ": add one");
    }
    return sample;
  }
}

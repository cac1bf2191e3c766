package sentry.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every public setter and getter of {@link SentryOptions}, found by reflection, so that an option
 * added to any class of its chain of concerns is covered: each setter changes what a getter
 * answers, the frozen copy answers every getter as the original did, shares nothing the original
 * changes later, and refuses every setter, naming it.
 */
class OptionsFrozenCopyTest {
  @Test
  void setAndReadThroughSentryOptionsAlone() throws ReflectiveOperationException {
    assertThat(setters()).as("setters found").hasSizeGreaterThan(40);
    for (Method setter : setters()) {
      assertThat(setter.getDeclaringClass()).as("%s is called on SentryOptions", setter.getName())
          .isEqualTo(SentryOptions.class);
    }
    SentryOptions options = new SentryOptions();
    options.setSampleRate(0.25);
    options.setMaxQueueBytes(4096);
    options.addIntegration(integration("spy"));
    options.setEnableLogs(true);
    options.setDsn("https://key@example.com/1");
    SentryOptions.class.getMethod("setMaxCacheItems", int.class).invoke(options, 3);
    assertThat(options.getSampleRate()).isEqualTo(0.25);
    assertThat(options.getMaxQueueBytes()).isEqualTo(4096);
    assertThat(options.getIntegrations()).hasSize(1);
    assertThat(options.isEnableLogs()).isTrue();
    assertThat(options.getDsn()).isEqualTo("https://key@example.com/1");
    assertThat(options.getMaxCacheItems()).isEqualTo(3);
  }

  @Test
  void theFrozenCopyKeepsEveryValueSharesNothingAndRefusesEverySetter() throws Throwable {
    Map<String, Object> defaults = getters(new SentryOptions());
    SentryOptions options = new SentryOptions();
    setAll(options, 1);
    Map<String, Object> set = getters(options);
    for (Map.Entry<String, Object> entry : set.entrySet()) {
      assertThat(entry.getValue()).as("%s after every setter ran", entry.getKey())
          .isNotEqualTo(defaults.get(entry.getKey()));
    }

    SentryOptions frozen = options.frozenCopy();
    assertThat(frozen.isFrozen()).isTrue();
    assertThat(getters(frozen)).isEqualTo(set);
    setAll(options, 2);
    assertThat(getters(frozen)).as("the frozen copy after the original changed").isEqualTo(set);

    for (Method setter : setters()) {
      assertThatThrownBy(() -> invoke(setter, frozen, 1)).as(setter.getName())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining(setter.getName());
    }
    assertThat(getters(frozen)).isEqualTo(set);
  }

  private static List<Method> setters() {
    return Arrays.stream(SentryOptions.class.getMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() > 0)
        .filter(m -> m.getName().startsWith("set") || m.getName().startsWith("add"))
        .sorted(Comparator.comparing(Method::toGenericString)).toList();
  }

  private static Map<String, Object> getters(SentryOptions options) throws Throwable {
    Map<String, Object> values = new TreeMap<>();
    for (Method getter : SentryOptions.class.getMethods()) {
      String name = getter.getName();
      if (getter.getParameterCount() == 0 && !Modifier.isStatic(getter.getModifiers())
          && (name.startsWith("get") || name.startsWith("is")) && !name.equals("getClass")
          && !name.equals("isFrozen")) {
        values.put(name, String.valueOf(getter.invoke(options)));
      }
    }
    return values;
  }

  private static void setAll(SentryOptions options, int round) throws Throwable {
    for (Method setter : setters()) {
      invoke(setter, options, round);
    }
  }

  /** Calls a setter with values that differ from the defaults, and from one round to the next. */
  private static void invoke(Method setter, SentryOptions options, int round) throws Throwable {
    Class<?>[] types = setter.getParameterTypes();
    if (types.length == 1 && (types[0] == int.class || types[0] == long.class)) {
      for (long candidate : new long[] {6 + round, 2048L * round}) {
        try {
          setter.invoke(options, types[0] == int.class ? (Object) (int) candidate : (Object) candidate);
          return;
        } catch (InvocationTargetException e) {
          if (!(e.getCause() instanceof IllegalArgumentException)) {
            throw e.getCause();
          }
        }
      }
      throw new AssertionError("no value accepted by " + setter);
    }
    Object[] arguments = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      arguments[i] = sample(types[i], setter, options, round);
    }
    try {
      setter.invoke(options, arguments);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Object sample(Class<?> type, Method setter, SentryOptions options, int round)
      throws ReflectiveOperationException {
    String text = round == 1 ? "one" : "two";
    if (type == boolean.class) {
      String property = setter.getName().substring(3);
      return !(Boolean) SentryOptions.class.getMethod("is" + property).invoke(new SentryOptions()) ^ round == 2;
    } else if (type == double.class) {
      return round / 4.0;
    } else if (type == String.class) {
      return text;
    } else if (type == java.util.Collection.class) {
      return List.of(text);
    } else if (type == Class.class) {
      return round == 1 ? IllegalStateException.class : UnsupportedOperationException.class;
    } else if (type == SentryOptions.Proxy.class) {
      return new SentryOptions.Proxy("proxy-" + text, round, null, null);
    } else if (type == SentryOptions.BeforeSendCallback.class) {
      return (SentryOptions.BeforeSendCallback) (event, hint) -> event;
    } else if (type == SentryOptions.BeforeBreadcrumbCallback.class) {
      return (SentryOptions.BeforeBreadcrumbCallback) (breadcrumb, hint) -> breadcrumb;
    } else if (type == SentryOptions.ErrorSampler.class) {
      return (SentryOptions.ErrorSampler) (event, hint) -> 1.0;
    } else if (type == SentryOptions.BeforeSendLogCallback.class) {
      return (SentryOptions.BeforeSendLogCallback) log -> log;
    } else if (type == EventProcessor.class) {
      return (EventProcessor) (event, hint) -> event;
    } else if (type == Integration.class) {
      return integration(text);
    }
    return fail("no sample value of %s for %s: add one", type, setter);
  }

  private static Integration integration(String identifier) {
    return new Integration() {
      @Override
      public String identifier() {
        return identifier;
      }

      @Override
      public void register(IntegrationContext context) {}

      @Override
      public String toString() {
        return identifier;
      }
    };
  }
}

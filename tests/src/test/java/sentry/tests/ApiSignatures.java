package sentry.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedTypeVariable;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of one module as text, one line per type and per member, sorted, so that a change
 * to it is a visible diff: every public or protected type of the packages the module exports to
 * everyone (not those exported only {@code to} named modules), with its kind, modifiers, type
 * parameters and supertypes, and every public or protected constructor, method and field it
 * declares, with generic types, varargs, {@code throws} and the annotations the JVM keeps at run
 * time ({@code @Nullable} on a parameter or a return type, {@code @Deprecated}...), named by their
 * simple names. Members are listed under the type that declares them; inherited ones under their
 * supertype, unless that supertype is not public: a public class that extends a package-private one
 * (as {@code SentryOptions} does its chain of concerns) lists that class's public members as its
 * own and names the first public superclass, as Javadoc shows them and as users call them.
 *
 * <p>The module is loaded in a {@link ModuleLayer} of its own from the built artifact, with the
 * modules that hold its annotations, so the listing is that of the jar, not of the class path.
 */
final class ApiSignatures {
  private static final int TYPE_MODIFIERS = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL
      | Modifier.ABSTRACT;

  private ApiSignatures() {}

  /**
   * Lists the API of module {@code module}, found in {@code artifacts} (its jar or classes folder,
   * and those of the modules it reads whose annotations should show).
   *
   * @return the lines, each ending in a newline, in a fixed order
   */
  static String of(String module, List<Path> artifacts) {
    ModuleFinder finder = ModuleFinder.of(artifacts.toArray(Path[]::new));
    Set<String> roots = finder.findAll().stream().map(r -> r.descriptor().name()).collect(Collectors.toSet());
    Configuration configuration = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), roots);
    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration,
        ClassLoader.getPlatformClassLoader());
    ModuleReference reference = finder.find(module)
        .orElseThrow(() -> new IllegalStateException("no module " + module + " in " + artifacts));
    ClassLoader loader = layer.findLoader(module);
    Set<String> exported = reference.descriptor().exports().stream().filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
    List<String> lines = new ArrayList<>();
    lines.add("module " + module);
    for (String pkg : exported) {
      lines.add("package " + annotations(packageAnnotations(loader, pkg)) + pkg);
    }
    for (Class<?> type : classes(reference, loader, exported)) {
      if (visible(type)) {
        lines.add(type(type));
        lines.addAll(members(type));
      }
    }
    return lines.stream().map(line -> line + "\n").collect(Collectors.joining());
  }

  /** The package's annotations ({@code @NullMarked}), read from its {@code package-info} class. */
  private static Annotation[] packageAnnotations(ClassLoader loader, String pkg) {
    try {
      return Class.forName(pkg + ".package-info", false, loader).getDeclaredAnnotations();
    } catch (ClassNotFoundException e) {
      // No package-info: the package has no annotations.
      return new Annotation[0];
    }
  }

  private static List<Class<?>> classes(ModuleReference reference, ClassLoader loader, Set<String> packages) {
    try (ModuleReader reader = reference.open(); Stream<String> entries = reader.list()) {
      List<String> names = entries.filter(e -> e.endsWith(".class") && !e.endsWith("module-info.class")
              && !e.endsWith("package-info.class"))
          .map(e -> e.substring(0, e.length() - ".class".length()).replace('/', '.'))
          .filter(n -> packages.contains(n.substring(0, n.lastIndexOf('.'))))
          .sorted().toList();
      List<Class<?>> classes = new ArrayList<>();
      for (String name : names) {
        classes.add(Class.forName(name, false, loader));
      }
      return classes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + reference.descriptor().name(), e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("listed but not loadable: " + e.getMessage(), e);
    }
  }

  /** Public or protected, and so is every type that encloses it; neither local nor anonymous. */
  private static boolean visible(Class<?> type) {
    if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
      return false;
    }
    for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
      if (!Modifier.isPublic(c.getModifiers()) && !Modifier.isProtected(c.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static String type(Class<?> type) {
    StringBuilder line = new StringBuilder(annotations(type.getDeclaredAnnotations()));
    int modifiers = type.getModifiers() & TYPE_MODIFIERS;
    String kind;
    if (type.isAnnotation()) {
      kind = "@interface";
      modifiers &= ~Modifier.ABSTRACT;
    } else if (type.isInterface()) {
      kind = "interface";
      modifiers &= ~Modifier.ABSTRACT;
    } else if (type.isEnum()) {
      kind = "enum";
    } else if (type.isRecord()) {
      kind = "record";
    } else {
      kind = "class";
    }
    line.append(Modifier.toString(modifiers)).append(type.isSealed() ? " sealed" : "");
    line.append(' ').append(kind).append(' ').append(type.getName()).append(typeParameters(type.getTypeParameters()));
    AnnotatedType superclass = type.getAnnotatedSuperclass();
    while (superclass != null && superclass.getType() instanceof Class<?> c && !visible(c)) {
      superclass = c.getAnnotatedSuperclass();
    }
    if (superclass != null && !type.isEnum() && !type.isRecord() && superclass.getType() != Object.class) {
      line.append(" extends ").append(render(superclass));
    }
    AnnotatedType[] interfaces = type.getAnnotatedInterfaces();
    if (interfaces.length > 0) {
      line.append(type.isInterface() ? " extends " : " implements ")
          .append(Arrays.stream(interfaces).map(ApiSignatures::render).collect(Collectors.joining(", ")));
    }
    if (type.isSealed()) {
      line.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses()).map(Class::getName).sorted()
          .collect(Collectors.joining(", ")));
    }
    return line.toString();
  }

  private static List<String> members(Class<?> type) {
    List<String> lines = new ArrayList<>();
    lines.addAll(declared(type));
    for (Class<?> c = type.getSuperclass(); c != null && c != Object.class && !visible(c); c = c.getSuperclass()) {
      lines.addAll(declared(c).stream().filter(line -> !line.startsWith("  constructor ")).toList());
    }
    return lines.stream().distinct().sorted().toList();
  }

  /** The public and protected members {@code type} declares, bridges left out. */
  private static List<String> declared(Class<?> type) {
    List<String> lines = new ArrayList<>();
    for (Field field : type.getDeclaredFields()) {
      if (api(field)) {
        lines.add("  field " + annotations(field.getDeclaredAnnotations())
            + Modifier.toString(field.getModifiers() & Modifier.fieldModifiers()) + " " + render(field.getAnnotatedType())
            + " " + field.getName());
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (api(constructor)) {
        lines.add("  constructor " + annotations(constructor.getDeclaredAnnotations())
            + modifiers(constructor, Modifier.constructorModifiers()) + typeParametersWithSpace(constructor)
            + type.getSimpleName() + parameters(constructor) + exceptions(constructor));
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (api(method) && !method.isBridge()) {
        int modifiers = method.getModifiers() & Modifier.methodModifiers();
        if (type.isInterface()) {
          modifiers &= ~Modifier.PUBLIC;
        }
        String prefix = method.isDefault() ? "default " : "";
        lines.add("  method " + annotations(method.getDeclaredAnnotations()) + prefix
            + (Modifier.toString(modifiers) + " ").stripLeading() + typeParametersWithSpace(method)
            + render(method.getAnnotatedReturnType()) + " " + method.getName() + parameters(method)
            + exceptions(method));
      }
    }
    return lines;
  }

  private static boolean api(Member member) {
    return !member.isSynthetic() && (Modifier.isPublic(member.getModifiers())
        || Modifier.isProtected(member.getModifiers()));
  }

  private static String modifiers(Executable executable, int mask) {
    String text = Modifier.toString(executable.getModifiers() & mask);
    return text.isEmpty() ? "" : text + " ";
  }

  private static String typeParametersWithSpace(Executable executable) {
    String text = typeParameters(executable.getTypeParameters());
    return text.isEmpty() ? "" : text + " ";
  }

  private static String parameters(Executable executable) {
    Parameter[] parameters = executable.getParameters();
    AnnotatedType[] types = executable.getAnnotatedParameterTypes();
    // An inner class's constructor has its enclosing instance first, without an annotated type.
    int offset = parameters.length - types.length;
    List<String> rendered = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      Parameter parameter = parameters[i + offset];
      String text = annotations(parameter.getDeclaredAnnotations()) + render(types[i]);
      if (executable.isVarArgs() && i == types.length - 1 && text.endsWith("[]")) {
        text = text.substring(0, text.length() - 2) + "...";
      }
      rendered.add(text);
    }
    return "(" + String.join(", ", rendered) + ")";
  }

  private static String exceptions(Executable executable) {
    AnnotatedType[] exceptions = executable.getAnnotatedExceptionTypes();
    return exceptions.length == 0 ? "" : " throws " + Arrays.stream(exceptions).map(ApiSignatures::render)
        .sorted().collect(Collectors.joining(", "));
  }

  private static String typeParameters(TypeVariable<?>[] variables) {
    if (variables.length == 0) {
      return "";
    }
    List<String> rendered = new ArrayList<>();
    for (TypeVariable<?> variable : variables) {
      String text = annotations(variable.getDeclaredAnnotations()) + variable.getName();
      List<String> bounds = Arrays.stream(variable.getAnnotatedBounds())
          .filter(b -> b.getType() != Object.class || b.getAnnotations().length > 0)
          .map(ApiSignatures::render).toList();
      rendered.add(bounds.isEmpty() ? text : text + " extends " + String.join(" & ", bounds));
    }
    return "<" + String.join(", ", rendered) + ">";
  }

  /** A type with its type-use annotations, independent of how this JDK's {@code toString} shows them. */
  static String render(AnnotatedType annotated) {
    String annotations = annotations(annotated.getDeclaredAnnotations());
    if (annotated instanceof AnnotatedArrayType array) {
      // JLS order: String @Nullable [] is a nullable array of strings.
      return render(array.getAnnotatedGenericComponentType()) + (annotations.isEmpty() ? "" : " " + annotations.strip())
          + "[]";
    }
    if (annotated instanceof AnnotatedParameterizedType parameterized) {
      Type raw = ((ParameterizedType) parameterized.getType()).getRawType();
      return annotations + typeName(raw) + "<" + Arrays.stream(parameterized.getAnnotatedActualTypeArguments())
          .map(ApiSignatures::render).collect(Collectors.joining(", ")) + ">";
    }
    if (annotated instanceof AnnotatedWildcardType wildcard) {
      AnnotatedType[] lower = wildcard.getAnnotatedLowerBounds();
      AnnotatedType[] upper = wildcard.getAnnotatedUpperBounds();
      if (lower.length > 0) {
        return annotations + "? super " + render(lower[0]);
      }
      if (upper.length > 0 && (upper[0].getType() != Object.class || upper[0].getAnnotations().length > 0)) {
        return annotations + "? extends " + render(upper[0]);
      }
      return annotations + "?";
    }
    if (annotated instanceof AnnotatedTypeVariable) {
      return annotations + ((TypeVariable<?>) annotated.getType()).getName();
    }
    return annotations + typeName(annotated.getType());
  }

  private static String typeName(Type type) {
    return type instanceof Class<?> c ? c.getName() : type.getTypeName();
  }

  /** Annotations by simple name, values included, sorted, each followed by a space. */
  private static String annotations(Annotation[] annotations) {
    return Arrays.stream(annotations)
        .map(a -> "@" + a.annotationType().getSimpleName() + values(a))
        .sorted().map(text -> text + " ").collect(Collectors.joining());
  }

  private static String values(Annotation annotation) {
    // @Deprecated() and the like: the JDK's toString gives the values; keep them only when set.
    String text = annotation.toString();
    int open = text.indexOf('(');
    String inside = open < 0 ? "" : text.substring(open + 1, text.length() - 1);
    return inside.isEmpty() || annotation.annotationType().getDeclaredMethods().length == 0 ? "" : "(" + inside + ")";
  }
}

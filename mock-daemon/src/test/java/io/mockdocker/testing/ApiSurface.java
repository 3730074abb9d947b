package io.mockdocker.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of a module as text: every public or protected type of the packages its {@code module-info} exports
 * (every package while it has none) with its public and protected members, one per line, sorted. Tests compare it
 * with the module's committed {@code api/NAME.api}, so that every change to the surface shows in review; run them
 * with {@code -Dapi.update=true} to write the file anew after a deliberate change.
 */
public final class ApiSurface {
  private ApiSurface() {}

  /**
   * The surface of the classes compiled into the directory or jar that holds {@code anchor}'s class file (a jar when
   * junit-compat runs junit-extension's tests against its artifact).
   */
  public static String of(Class<?> anchor) {
    Path location = classesRoot(anchor);
    if (Files.isRegularFile(location)) {
      try (FileSystem jar = FileSystems.newFileSystem(location)) {
        return of(anchor, jar.getPath("/"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return of(anchor, location);
  }

  private static String of(Class<?> anchor, Path root) {
    Set<String> exported = exportedPackages(root);
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      List<String> names = files.filter(p -> p.toString().endsWith(".class"))
          .map(p -> root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
          .filter(n -> !n.equals("module-info"))
          .filter(n -> exported == null || exported.contains(packageOf(n)))
          .sorted().toList();
      for (String name : names) {
        Class<?> type = Class.forName(name, false, anchor.getClassLoader());
        if (visible(type)) {
          out.add(describe(type));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return String.join("\n", out);
  }

  /** Compares the surface with {@code api/FILE} under the module directory, or writes it there when asked to. */
  public static void check(Class<?> anchor, Path moduleDir, String file) throws IOException {
    Path record = moduleDir.resolve("api").resolve(file);
    String actual = of(anchor);
    if (Boolean.getBoolean("api.update")) {
      Files.createDirectories(record.getParent());
      Files.writeString(record, actual);
      return;
    }
    String expected = Files.exists(record) ? Files.readString(record) : "";
    if (!expected.equals(actual)) {
      throw new AssertionError("The public API of " + moduleDir.getFileName() + " differs from " + record
          + ". If the change is deliberate, run the test with -Dapi.update=true and commit the file.\n"
          + diff(expected, actual));
    }
  }

  private static String diff(String expected, String actual) {
    List<String> was = expected.lines().toList();
    List<String> now = actual.lines().toList();
    StringBuilder out = new StringBuilder();
    was.stream().filter(l -> !now.contains(l)).forEach(l -> out.append("- ").append(l).append('\n'));
    now.stream().filter(l -> !was.contains(l)).forEach(l -> out.append("+ ").append(l).append('\n'));
    return out.toString();
  }

  private static Path classesRoot(Class<?> anchor) {
    try {
      return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The packages module-info exports, or {@code null} (all) when there is none. */
  private static Set<String> exportedPackages(Path root) {
    Path info = root.resolve("module-info.class");
    if (!Files.exists(info)) {
      return null;
    }
    try (InputStream in = Files.newInputStream(info)) {
      return ModuleDescriptor.read(in).exports().stream().filter(e -> !e.isQualified())
          .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  /** Public or protected, and so is every class it is nested in. */
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

  private static String describe(Class<?> type) {
    StringBuilder out = new StringBuilder();
    out.append(header(type)).append(" {\n");
    Set<String> members = new TreeSet<>();
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (shown(c) && !type.isEnum()) {
        members.add(modifiers(c.getModifiers()) + "<init>(" + parameters(c) + ")");
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (shown(m) && !m.isBridge()) {
        int mods = m.getModifiers() & ~(type.isInterface() && !Modifier.isStatic(m.getModifiers())
            ? Modifier.ABSTRACT : 0);
        members.add(modifiers(mods) + (m.isDefault() ? "default " : "") + name(m.getGenericReturnType()) + " "
            + m.getName() + "(" + parameters(m) + ")" + exceptions(m));
      }
    }
    for (Field f : type.getDeclaredFields()) {
      if (shown(f)) {
        members.add(modifiers(f.getModifiers()) + name(f.getGenericType()) + " " + f.getName());
      }
    }
    members.forEach(m -> out.append("  ").append(m).append('\n'));
    return out.append("}\n").toString();
  }

  private static String header(Class<?> type) {
    int mods = type.getModifiers();
    String kind = type.isAnnotation() ? "@interface" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
        : type.isRecord() ? "record" : "class";
    if (type.isInterface()) {
      mods &= ~(Modifier.ABSTRACT | Modifier.INTERFACE);
    }
    if (type.isEnum() || type.isRecord()) {
      mods &= ~Modifier.FINAL;
    }
    if (type.isMemberClass() && (type.isEnum() || type.isRecord() || type.isInterface())) {
      mods &= ~Modifier.STATIC;
    }
    StringBuilder out = new StringBuilder(modifiers(mods)).append(kind).append(' ').append(type.getName());
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
      out.append(" extends ").append(name(superclass));
    }
    Type[] interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0 && !type.isAnnotation()) {
      out.append(type.isInterface() ? " extends " : " implements ")
          .append(Arrays.stream(interfaces).map(ApiSurface::name).collect(Collectors.joining(", ")));
    }
    return out.toString();
  }

  private static boolean shown(Member member) {
    int mods = member.getModifiers();
    return !member.isSynthetic() && (Modifier.isPublic(mods) || Modifier.isProtected(mods)
        || member.getDeclaringClass().isInterface() && !Modifier.isPrivate(mods));
  }

  private static String modifiers(int mods) {
    String text = Modifier.toString(mods & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL
        | Modifier.ABSTRACT));
    return text.isEmpty() ? "" : text + " ";
  }

  private static String parameters(Executable e) {
    return Arrays.stream(e.getGenericParameterTypes()).map(ApiSurface::name).collect(Collectors.joining(", "));
  }

  private static String exceptions(Executable e) {
    Type[] thrown = e.getGenericExceptionTypes();
    return thrown.length == 0 ? "" : " throws " + Arrays.stream(thrown).map(ApiSurface::name)
        .sorted(Comparator.naturalOrder()).collect(Collectors.joining(", "));
  }

  private static String name(Type type) {
    return type.getTypeName();
  }
}

package dev.shareguard.samples.threads;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Configuration reloaded from a properties file every 30 seconds by a scheduler thread, read by
 * request threads. The incident: the reload cleared the live map and refilled it in place, so a
 * request that arrived between {@code clear} and {@code putAll} saw no settings at all and fell
 * back to defaults.
 */
public final class ConfigReloader {
  private ConfigReloader() {}

  /** Reads the file into a new map; an unreadable file gives an empty map. */
  static Map<String, String> readProperties(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      return Map.of();
    }
    Map<String, String> loaded = new HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      loaded.put(name, properties.getProperty(name));
    }
    return loaded;
  }

  /**
   * Bug: {@code reload} runs on the scheduler thread and mutates the {@code HashMap} that request
   * threads read through {@code get}, with no lock and no happens-before between them. Readers can
   * see it empty, half-filled, or structurally corrupt.
   */
  public static final class Unsafe {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Path file;
    private final Map<String, String> settings = new HashMap<>();

    public Unsafe(Path file) {
      this.file = file;
    }

    public void start() {
      scheduler.scheduleWithFixedDelay(this::reload, 0, 30, TimeUnit.SECONDS);
    }

    public String get(String key) {
      // The other side of a race reported once, at its write (related location there).
      return settings.get(key);
    }

    private void reload() {
      Map<String, String> loaded = readProperties(file);
      // Medium, shown at --min-confidence medium: one side is a public method that only
      // this class suggests other threads call (docs/index.md, "Evidence and confidence").
      // BUG at medium: Diagnostic contains: UnguardedSharedWrite
      settings.clear();
      // The same race with the same read in get(): reported once, at clear() above.
      settings.putAll(loaded);
    }
  }

  /**
   * Fix: build the new configuration off to the side, freeze it with {@code Map.copyOf}, and
   * publish it with one write to a {@code volatile} field. A reader sees either the old map or the
   * new one, complete, and nobody mutates a map after it is published.
   */
  public static final class Safe {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Path file;
    private volatile Map<String, String> settings = Map.of();

    public Safe(Path file) {
      this.file = file;
    }

    public void start() {
      scheduler.scheduleWithFixedDelay(this::reload, 0, 30, TimeUnit.SECONDS);
    }

    public String get(String key) {
      return settings.get(key);
    }

    private void reload() {
      settings = Map.copyOf(readProperties(file));
    }
  }
}

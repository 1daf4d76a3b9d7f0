package dev.shareguard.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void disabledWinsOverEnabled() {
    Config c = Config.defaults().withEnabledRules(Set.of("A", "B")).withDisabledRules(Set.of("B"));
    assertTrue(c.isEnabled("A"));
    assertFalse(c.isEnabled("B"));
    assertFalse(c.isEnabled("C"));
  }

  @Test
  void spawnerParsesTypeMethodAndArgument() {
    assertEquals(new Config.Spawner("com.acme.Jobs", "later", 0), Config.Spawner.parse("com.acme.Jobs#later"));
    assertEquals(new Config.Spawner("com.acme.Jobs", "later", 2), Config.Spawner.parse(" com.acme.Jobs#later:2 "));
  }

  @Test
  void badSpawnerFailsNamingTheText() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Config.Spawner.parse("Jobs.later"));
    assertTrue(e.getMessage().contains("Jobs.later"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Config.Spawner.parse("a.B#m:x"));
    assertThrows(IllegalArgumentException.class, () -> Config.Spawner.parse("a.B#m:-1"));
  }
}

package io.mountscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mountscope.diagnose.Diagnosis;
import io.mountscope.model.Sample;
import io.mountscope.testing.SampleFixtures;
import io.mountscope.util.Json;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import org.junit.jupiter.api.Test;

/** A recorded Sample must come back exactly as it was: every part, every field, nulls and maps. */
class SampleJsonTest {

  private static Sample roundTrip(Sample s) throws Exception {
    return RecordingReader.parse(Json.line(s).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void assertExact(Sample original) throws Exception {
    Sample back = roundTrip(original);
    assertThat(back).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(original);
    assertThat(Json.line(back)).isEqualTo(Json.line(original));
  }

  @Test
  void the_fixtures_set_every_field_of_every_part_so_nothing_escapes_the_round_trip() {
    Map<String, Boolean> covered = new TreeMap<>();
    declare(Sample.class, covered);
    for (Sample s : List.of(SampleFixtures.full(3), SampleFixtures.withNullsInside(3))) {
      cover(s, covered);
    }
    // A new Sample field fails here until the fixture (and so the round trip) covers it.
    assertThat(covered.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList()).isEmpty();
  }

  @Test
  void a_sample_with_every_part_comes_back_exactly() throws Exception {
    assertExact(SampleFixtures.full(0));
    assertExact(SampleFixtures.full(41));
  }

  @Test
  void missing_parts_and_nulls_inside_parts_stay_null() throws Exception {
    assertExact(SampleFixtures.empty(5));
    assertExact(SampleFixtures.withNullsInside(5));
    Sample back = roundTrip(SampleFixtures.withNullsInside(5));
    assertThat(back.startups().inFlight().get(0).layers()).isNull();
    assertThat(back.startups().inFlight().get(0).userns()).isNull();
    assertThat(back.sysctls().get(0).value()).isNull();
    assertThat(roundTrip(SampleFixtures.empty(5)).hotspots()).isNull();
  }

  @Test
  void maps_keep_their_keys_types_and_order() throws Exception {
    Sample back = roundTrip(SampleFixtures.full(2));
    assertThat(back.hotspots().cpuSymbolSamples().keySet()).containsExactly(0, 17);
    assertThat(back.mountCounters().perCpu().keySet()).containsExactly("mount", "open_tree", "umount");
    assertThat(back.mountCounters().perCpu().get("mount")[2]).isEqualTo(Long.MAX_VALUE - 7);
    assertThat(back.mountTable().byFsType().keySet()).containsExactly("overlay", "fuse.sshfs");
    assertThat(back.probes().keySet()).containsExactly("host", "hotspots", "locks");
    assertThat(back.startups().latency().meanMillis()).isEqualTo(0.1 + 0.2);
  }

  @Test
  void models_derived_from_recorded_samples_equal_the_live_ones() throws Exception {
    List<Sample> live = SampleFixtures.storm(4);
    for (int i = 1; i < live.size(); i++) {
      assertThat(Diagnosis.derive(roundTrip(live.get(i)), roundTrip(live.get(i - 1))))
          .isEqualTo(Diagnosis.derive(live.get(i), live.get(i - 1)));
    }
  }

  /** Every component of every record type a Sample can hold, not covered yet. */
  private static void declare(Type type, Map<String, Boolean> covered) {
    if (type instanceof ParameterizedType p) {
      for (Type arg : p.getActualTypeArguments()) {
        declare(arg, covered);
      }
    } else if (type instanceof Class<?> c && c.isRecord()) {
      for (RecordComponent rc : c.getRecordComponents()) {
        if (covered.putIfAbsent(c.getSimpleName() + "." + rc.getName(), false) == null) {
          declare(rc.getGenericType(), covered);
        }
      }
    }
  }

  /** Marks the components that hold a value (non-empty, for lists, maps and arrays) somewhere in {@code value}. */
  private static void cover(Object value, Map<String, Boolean> covered) {
    if (value instanceof Collection<?> c) {
      c.forEach(e -> cover(e, covered));
    } else if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> cover(v, covered));
    } else if (value != null && value.getClass().isRecord()) {
      for (RecordComponent rc : value.getClass().getRecordComponents()) {
        Object v;
        try {
          v = rc.getAccessor().invoke(value);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
        boolean set = v != null && !(v instanceof Collection<?> c && c.isEmpty()) && !(v instanceof Map<?, ?> m && m.isEmpty())
            && !(v.getClass().isArray() && Array.getLength(v) == 0);
        if (set) {
          covered.put(value.getClass().getSimpleName() + "." + rc.getName(), true);
        }
        cover(v, covered);
      }
    }
  }
}

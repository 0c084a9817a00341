package io.mountscope.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The little expression language of recipe values: parameters, facts and step outputs in braces. */
class TemplateTest {
  private static final Map<String, Object> VALUES = Map.of("cpus", 4L, "max-extra", 4000L, "duration", 0.5,
      "knee.verdict", "better");
  private static final Map<String, Type> TYPES = Map.of("cpus", Type.INT, "max-extra", Type.INT, "duration", Type.NUMBER,
      "knee.verdict", Type.STRING);

  private static Object eval(String t) {
    return Template.parse(t).eval(VALUES::get);
  }

  @Test
  void arithmetic_on_node_facts_keeps_integers_integral() {
    assertThat(eval("{2 * cpus}")).isEqualTo(8L);
    assertThat(eval("{max-extra / 3}")).isEqualTo(1333L);
    assertThat(eval("{cpus - 1}")).isEqualTo(3L);
    assertThat(eval("{(cpus + 2) * duration}")).isEqualTo(3.0);
    assertThat(Template.parse("{2 * cpus}").type(TYPES::get)).isEqualTo(Type.INT);
    assertThat(Template.parse("{cpus * duration}").type(TYPES::get)).isEqualTo(Type.NUMBER);
  }

  @Test
  void text_with_several_parts_is_text_and_braces_can_be_escaped() {
    assertThat(eval("{cpus} CPUs, verdict {knee.verdict}")).isEqualTo("4 CPUs, verdict better");
    assertThat(eval("{{literal}}")).isEqualTo("{literal}");
    assertThat(Template.parse("{cpus} CPUs").type(TYPES::get)).isEqualTo(Type.STRING);
    assertThat(Template.parse("12").type(TYPES::get)).isEqualTo(Type.INT);
  }

  @Test
  void mistakes_are_named() {
    assertThatThrownBy(() -> Template.parse("{cpus")).hasMessageContaining("unclosed '{'");
    assertThatThrownBy(() -> Template.parse("{cpus +}")).hasMessageContaining("ends too early");
    assertThatThrownBy(() -> Template.parse("{cpu}").type(TYPES::get)).hasMessage("unknown name 'cpu'");
    assertThatThrownBy(() -> Template.parse("{knee.verdict * 2}").type(TYPES::get)).hasMessage("'*' needs numbers, not text");
    assertThatThrownBy(() -> Template.parse("{later.p50}").eval(VALUES::get)).isInstanceOf(Template.Unresolved.class);
  }

  @Test
  void conditions_compare_numbers_as_numbers_and_words_as_words() {
    assertThat(Condition.parse("{knee.verdict} == better").holds(VALUES::get)).isTrue();
    assertThat(Condition.parse("{cpus} > 3").holds(VALUES::get)).isTrue();
    assertThat(Condition.parse("{duration} <= 0.25").holds(VALUES::get)).isFalse();
    assertThatThrownBy(() -> Condition.parse("{knee.verdict} > 1").check(TYPES::get)).hasMessageContaining("compares numbers");
  }
}

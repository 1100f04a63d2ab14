package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.dsl.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterValuesTest {

  private static final List<Parameter<?>> DECLARED = List.of(Parameter.string("targetVersion"), Parameter.number("batchSize"),
      Parameter.bool("dryRun"), Parameter.stringList("tables"), Parameter.objectList("writers"), Parameter.object("tags"));

  @Test
  void valuesFollowTheDeclaredTypes() {
    var params = ParameterValues.parse(List.of("targetVersion=2", "batchSize=500", "dryRun=true", "tables=orders,customers",
        "writers=[{\"type\":\"local\",\"name\":\"w\"}]", "tags={\"team\":\"shop\"}"), "m", DECLARED);
    assertThat(params.toString()).isEqualTo("{\"targetVersion\":\"2\",\"batchSize\":500,\"dryRun\":true,"
        + "\"tables\":[\"orders\",\"customers\"],\"writers\":[{\"type\":\"local\",\"name\":\"w\"}],\"tags\":{\"team\":\"shop\"}}");
  }

  @Test
  void aStringTakesQuotedJsonAndAnyTextAsIs() {
    assertThat(ParameterValues.parse(List.of("targetVersion=\"3\""), "m", DECLARED).get("targetVersion").asText()).isEqualTo("3");
    assertThat(ParameterValues.parse(List.of("targetVersion=true"), "m", DECLARED).get("targetVersion").asText()).isEqualTo("true");
    assertThat(ParameterValues.parse(List.of("tables=[\"a\"]"), "m", DECLARED).get("tables").toString()).isEqualTo("[\"a\"]");
  }

  @Test
  void aValueOfTheWrongTypeNamesTheParameterAndItsType() {
    assertThatThrownBy(() -> ParameterValues.parse(List.of("batchSize=lots"), "m", DECLARED))
        .isInstanceOf(FerryException.class)
        .hasMessage("--param batchSize: 'lots' is not a number (m declares batchSize as a number)");
    assertThatThrownBy(() -> ParameterValues.parse(List.of("writers={\"name\":\"w\"}"), "m", DECLARED))
        .hasMessageContaining("writers").hasMessageContaining("list of JSON objects");
    assertThatThrownBy(() -> ParameterValues.parse(List.of("dryRun=yes"), "m", DECLARED)).hasMessageContaining("boolean");
  }

  @Test
  void anUndeclaredParameterIsRefusedListingTheDeclaredOnes() {
    assertThatThrownBy(() -> ParameterValues.parse(List.of("targetVersio=2"), "m", DECLARED))
        .isInstanceOf(FerryException.class)
        .hasMessage("parameter 'targetVersio' is not declared by m")
        .satisfies(e -> assertThat(((FerryException) e).hint()).contains("targetVersion (string)"));
  }

  @Test
  void aParameterWithoutAValueIsToldHowToGiveIt() {
    assertThatThrownBy(() -> ParameterValues.parse(List.of("batchSize"), "m", DECLARED))
        .hasMessage("parameter 'batchSize' is not name=value")
        .satisfies(e -> assertThat(((FerryException) e).hint()).isEqualTo("give it a value: --param batchSize=3"));
    assertThatThrownBy(() -> ParameterValues.parse(List.of("nonsense"), "m", DECLARED))
        .satisfies(e -> assertThat(((FerryException) e).hint()).startsWith("write it as --param NAME=VALUE; m declares targetVersion, batchSize"));
  }
}

package dev.ferry.asl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** AWS accepted every recorded definition, so the validator must find nothing wrong with any of them. */
class ConformanceValidationTest {

    @Test
    void noProblemsInDefinitionsAwsAccepted() {
        var cases = ConformanceCases.load();
        var falsePositives = new ArrayList<String>();
        for (var c : cases) {
            var problems = AslValidator.validate(AslJson.read(c.definition()), c.definition().length());
            problems.forEach(p -> falsePositives.add(c.id() + ": " + p.message()));
        }
        System.out.printf("ASL validator over recorded definitions: %d definitions, %d problems reported%n",
                cases.size(), falsePositives.size());
        assertThat(falsePositives).isEmpty();
        assertThat(cases).isNotEmpty();
    }
}

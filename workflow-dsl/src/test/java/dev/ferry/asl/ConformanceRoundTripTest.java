package dev.ferry.asl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** Every definition AWS accepted reads into the model and writes back to the same JSON. */
class ConformanceRoundTripTest {

    @Test
    void everyRecordedDefinitionRoundTrips() throws Exception {
        var cases = ConformanceCases.load();
        var failures = new ArrayList<String>();
        int roundTripped = 0;
        for (var c : cases) {
            try {
                var machine = AslJson.read(c.definition());
                var written = AslJson.writeString(machine);
                var sameTree = AslJson.parse(written).equals(AslJson.parse(c.definition()));
                var sameModel = AslJson.read(written).equals(machine);
                if (sameTree && sameModel) {
                    roundTripped++;
                } else {
                    failures.add(c.id() + ": tree equal=" + sameTree + ", model equal=" + sameModel);
                }
            } catch (RuntimeException e) {
                failures.add(c.id() + ": " + e.getMessage());
            }
        }
        System.out.printf("ASL conformance round trip: %d of %d definitions%n", roundTripped, cases.size());
        assertThat(failures).isEmpty();
        assertThat(roundTripped).isEqualTo(cases.size()).isPositive();
    }
}

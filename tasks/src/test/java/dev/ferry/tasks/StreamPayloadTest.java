package dev.ferry.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.InvalidInput;
import dev.ferry.tasks.local.LocalWriters;
import dev.ferry.tasks.writers.PauseWritersHandler;
import dev.ferry.tasks.writers.ResumeWritersHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The bytes-in, bytes-out side the Lambda runtime calls on AWS reads payloads with Ferry's mapper:
 * the paused writers' {@code type} tag and unknown fields behave exactly as on the local engine.
 */
class StreamPayloadTest {

  private static String call(FerryHandler<?, ?> handler, String payload) throws Exception {
    var out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void thePauseResultRoundTripsThroughTheStreamSideIntoResume() throws Exception {
    var writers = new LocalWriters();
    writers.register(new dev.ferry.tasks.local.LocalWriter("w", null, "db", "t", java.time.Duration.ofMillis(5)));

    String paused = call(new PauseWritersHandler(writers),
        "{\"writers\":[{\"type\":\"local\",\"name\":\"w\"}],\"fromMachine\":\"ignored\"}");
    String resumed = call(new ResumeWritersHandler(writers), paused);

    assertThat(paused).isEqualTo("{\"paused\":[{\"type\":\"local\",\"name\":\"w\",\"running\":false}]}");
    assertThat(resumed).isEqualTo("{\"resumed\":[\"w\"]}");
  }

  @Test
  void anUnreadablePayloadIsInvalidInputNamingTheType() {
    assertThatThrownBy(() -> call(new ResumeWritersHandler(new LocalWriters()), "{\"paused\":[{\"type\":\"zeppelin\"}]}"))
        .isInstanceOf(InvalidInput.class).hasMessageContaining("payload: cannot be read as Input");
  }
}

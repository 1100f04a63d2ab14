package dev.ferry.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import Ferry.TaskFailure;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The error name the local engine reads equals the errorType the AWS Lambda runtime reports. */
class ErrorNamesTest {

  @Test
  void everyErrorIsNamedFerryDotItsClassAndThatIsTheRuntimesErrorType() throws Exception {
    Class<?>[] errors = TaskFailure.class.getPermittedSubclasses();
    assertThat(errors).hasSizeGreaterThanOrEqualTo(12);
    for (Class<?> type : errors) {
      TaskFailure error = (TaskFailure) type.getConstructor(String.class).newInstance("boom");
      // The Java Lambda runtime reports Throwable.getClass().getName() as errorType.
      assertThat(error.errorName()).isEqualTo(type.getName()).isEqualTo("Ferry." + type.getSimpleName());
    }
    assertThat(Arrays.stream(errors).map(Class::getSimpleName)).contains("SnapshotNotFound", "UpgradeFailed",
        "DatabaseNotFound", "RestoreFailed", "TableNotFound", "BackupNotFound", "WriterNotFound",
        "DatabaseUnavailable", "VerificationFailed", "OperationInProgress", "FunctionNotFound", "InvalidInput");
  }

  record In(int count) {}

  @Test
  void theLocalAdapterReadsThePayloadLikeTheRuntimeAndPassesFerryErrorsThrough() {
    RequestHandler<In, In> handler = (in, ctx) -> {
      if (in.count() < 0) {
        throw new Ferry.VerificationFailed("negative");
      }
      return new In(in.count() + 1);
    };
    var local = Json.adapt(handler, In.class, Json.mapper());

    assertThat(local.apply(Json.mapper().createObjectNode().put("count", 1).put("extra", "ignored")).get("count").asInt())
        .isEqualTo(2);
    assertThatThrownBy(() -> local.apply(Json.mapper().createObjectNode().put("count", -1)))
        .isInstanceOfSatisfying(FerryError.class, e -> assertThat(e.errorName()).isEqualTo("Ferry.VerificationFailed"));
    assertThatThrownBy(() -> local.apply(Json.mapper().createObjectNode().put("count", "many")))
        .isInstanceOfSatisfying(FerryError.class, e -> assertThat(e.errorName()).isEqualTo("Ferry.InvalidInput"))
        .hasMessageContaining("payload");
  }
}

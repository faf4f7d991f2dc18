package dev.utter.provider.qwen;

import static dev.utter.transport.internal.WireSchemaCheck.Direction.REQUEST;
import static dev.utter.transport.internal.WireSchemaCheck.Direction.RESPONSE;

import dev.utter.provider.qwen.internal.CloneBatchRequest;
import dev.utter.provider.qwen.internal.CloneBatchResponse;
import dev.utter.provider.qwen.internal.CloneRequest;
import dev.utter.provider.qwen.internal.HealthResponse;
import dev.utter.provider.qwen.internal.LanguagesResponse;
import dev.utter.provider.qwen.internal.VoiceRequest;
import dev.utter.transport.internal.VoiceResponse;
import dev.utter.transport.internal.WireSchemaCheck;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every Qwen wire record against {@code modal-deploy/openapi/qwen.json}, field by field. */
class QwenWireSchemaTest {
  private static final WireSchemaCheck QWEN = WireSchemaCheck.of(Path.of("..", "modal-deploy", "openapi", "qwen.json"));

  @TestFactory
  Stream<DynamicTest> recordsMatchTheServiceSchemas() {
    return Stream.of(
        QWEN.test(CloneRequest.class, "CloneRequest", REQUEST),
        QWEN.test(CloneBatchRequest.class, "CloneBatchRequest", REQUEST),
        QWEN.test(CloneBatchResponse.class, "CloneBatchResponse", RESPONSE),
        QWEN.test(VoiceRequest.class, "VoiceRequest", REQUEST),
        QWEN.test(VoiceResponse.class, "VoiceResponse", RESPONSE),
        QWEN.test(HealthResponse.class, "HealthResponse", RESPONSE),
        QWEN.test(LanguagesResponse.class, "LanguagesResponse", RESPONSE));
  }
}

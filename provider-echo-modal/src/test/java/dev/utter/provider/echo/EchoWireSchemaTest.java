package dev.utter.provider.echo;

import static dev.utter.transport.internal.WireSchemaCheck.Direction.REQUEST;
import static dev.utter.transport.internal.WireSchemaCheck.Direction.RESPONSE;

import dev.utter.provider.echo.internal.EchoVoiceRequest;
import dev.utter.provider.echo.internal.GenerateRequest;
import dev.utter.provider.echo.internal.HealthResponse;
import dev.utter.transport.internal.VoiceResponse;
import dev.utter.transport.internal.WireSchemaCheck;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every Echo wire record against {@code modal-deploy/openapi/echo.json}, field by field (Sampler via GenerateRequest). */
class EchoWireSchemaTest {
  private static final WireSchemaCheck ECHO = WireSchemaCheck.of(Path.of("..", "modal-deploy", "openapi", "echo.json"));

  @TestFactory
  Stream<DynamicTest> recordsMatchTheServiceSchemas() {
    return Stream.of(
        ECHO.test(GenerateRequest.class, "GenerateRequest", REQUEST),
        ECHO.test(EchoVoiceRequest.class, "EchoVoiceRequest", REQUEST),
        ECHO.test(VoiceResponse.class, "VoiceResponse", RESPONSE),
        ECHO.test(HealthResponse.class, "HealthResponse", RESPONSE));
  }
}

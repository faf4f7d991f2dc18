/**
 * Test support shipped in the {@code utter-core} test-jar: the provider contract kit
 * ({@link dev.utter.testing.TtsProviderContract}, and {@link dev.utter.testing.VoiceDesignContract} for
 * providers that design voices), in-memory test audio and voices
 * ({@link dev.utter.testing.TestAudio}), and the real modal-deploy service on loopback
 * ({@link dev.utter.testing.ModalDeployService}). Add it in test scope:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.utter</groupId>
 *   <artifactId>utter-core</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * <p>A provider module extends {@link dev.utter.testing.TtsProviderContract}. Code that <em>uses</em>
 * the SDK is tested against the mock provider ({@code utter-provider-mock}, test scope) with a voice
 * from {@link dev.utter.testing.TestAudio}; the mock's recorder says what reached the provider:
 *
 * <pre>{@code
 * MockTtsProvider mock = MockTtsProvider.builder()
 *     .failFirst(1, () -> new ProviderUnavailableException("cold start"))
 *     .build();
 * try (Utter utter = Utter.builder().provider(mock).build()) {
 *   Narrator narrator = new Narrator(utter, TestAudio.voice(TestAudio.TRANSCRIPT)); // your code
 *   assertThrows(ProviderUnavailableException.class, () -> narrator.read("Chapter one."));
 *   assertEquals(1, mock.recorder().callCount());
 * }
 * }</pre>
 *
 * <p>Everything here makes its data in memory and is deterministic.
 */
package dev.utter.testing;

/**
 * The provider SPI: what a text-to-speech backend implements to be driven by the
 * {@link dev.utter.Utter} client. A {@link dev.utter.spi.TtsProvider} does one call well; a
 * {@link dev.utter.spi.TtsProviderFactory}, listed in {@code META-INF/services}, makes it selectable by id.
 */
package dev.utter.spi;

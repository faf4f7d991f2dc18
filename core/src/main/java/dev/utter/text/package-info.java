/**
 * The text toolkit: {@link dev.utter.text.TextNormalizer} puts text in one canonical form (NFC, no
 * controls, single spaces), {@link dev.utter.text.SentenceSegmenter} finds sentence ends
 * (abbreviations, decimals and CJK punctuation included), and {@link dev.utter.text.TextChunker}
 * packs sentences greedily into chunks within a provider's {@link dev.utter.text.ChunkLimits} in
 * characters, UTF-8 bytes and words, cutting finer (clauses, words, grapheme clusters) only what
 * does not fit. All of it is stateless or immutable, and thread-safe.
 */
package dev.utter.text;

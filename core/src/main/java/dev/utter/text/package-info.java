/**
 * The text toolkit: {@link dev.utter.text.TextNormalizer} puts text in one canonical form,
 * {@link dev.utter.text.SentenceSegmenter} finds sentence ends (abbreviations, decimals and CJK
 * punctuation included), and {@link dev.utter.text.TextChunker} packs sentences into chunks within a
 * provider's limits in characters, UTF-8 bytes and words.
 */
package dev.utter.text;

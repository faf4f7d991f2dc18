/**
 * Small runnable programs showing the SDK in use. Each runs on the mock provider unless
 * {@code UTTER_PROVIDER} names another ({@code qwen-modal}, {@code echo-modal}), configured from the
 * environment like the server.
 */
package dev.utter.samples.recipes;

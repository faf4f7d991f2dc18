/**
 * The input rules of the SDK and the utter app in one place, with the original app's messages, so that
 * every caller rejects the same input with the same words.
 */
package dev.utter.validation;

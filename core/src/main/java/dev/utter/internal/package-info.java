/**
 * Implementation detail of the SDK. Nothing under {@code dev.utter.internal} is part of the API: it may
 * change in any release.
 */
package dev.utter.internal;

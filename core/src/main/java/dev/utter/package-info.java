/**
 * The utter SDK: speak any text in a cloned voice.
 *
 * <p>Build a {@link dev.utter.Voice} from a reference recording and its transcript, describe what to say
 * with a {@link dev.utter.GenerationRequest}, and hand it to a shared {@link dev.utter.Utter} client,
 * which validates it, cuts the text into chunks the provider accepts, schedules the provider calls,
 * and joins the audio into {@link dev.utter.Speech}, a file, or a {@link dev.utter.SpeechStream}.
 * Every failure is an unchecked {@link dev.utter.UtterException}.
 */
package dev.utter;

/**
 * The optional encoders for {@link dev.utter.OutputFormat}s that need a codec library: MP3 (jump3r, a
 * Java port of LAME, LGPL-2.1-or-later) and Opus in Ogg (Concentus, a Java port of libopus,
 * BSD-3-Clause, with the Ogg encapsulation written here). Putting this module on the class path is all it
 * takes: core finds {@link dev.utter.codecs.CodecEncoderProvider} with {@link java.util.ServiceLoader}.
 * Only that class is public.
 */
package dev.utter.codecs;

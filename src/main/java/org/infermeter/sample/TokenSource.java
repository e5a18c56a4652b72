package org.infermeter.sample;

/**
 * Where an output token count came from. Providers batch several tokens per stream event, so a
 * count of events is only a last resort and tokens/s computed from it is flagged as such.
 */
public enum TokenSource {
    /** The provider's own usage block in the stream. */
    USAGE,
    /** A local tokenizer run over the received text (an estimate for non-OpenAI vocabularies). */
    TOKENIZER,
    /** The number of content events: wrong whenever a provider sends several tokens per event. */
    EVENTS,
    /** Nothing was received to count. */
    NONE
}

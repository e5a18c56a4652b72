package org.infermeter.client;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens locally when a provider sent no usage block. o200k_base is the vocabulary of current
 * OpenAI models; for other model families the count is an estimate, which {@code TokenSource.TOKENIZER}
 * says.
 */
final class OutputTokenCounter {
    private OutputTokenCounter() {
    }

    /** Loading the vocabulary takes a while, so only runs that need it pay for it. */
    private static final class Holder {
        static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    static int count(String text) {
        return text.isEmpty() ? 0 : Holder.O200K.countTokensOrdinary(text);
    }
}

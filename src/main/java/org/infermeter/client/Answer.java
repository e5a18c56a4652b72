package org.infermeter.client;

import java.util.Objects;

/**
 * An exchange plus its visible answer text, for a caller that grades the answer (the quality probe). The
 * text is for grading only: nothing stores it.
 */
public record Answer(org.infermeter.sample.Exchange exchange, String visibleText) {
    public Answer {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(visibleText, "visibleText");
    }
}

package org.infermeter.run;

import java.util.Objects;
import org.infermeter.client.Endpoint;
import org.infermeter.sample.CellKey;

/** A cell resolved to where and how its requests go. */
public record CellTarget(CellKey cell, String providerModel, Endpoint endpoint) {
    public CellTarget {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(providerModel, "providerModel");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}

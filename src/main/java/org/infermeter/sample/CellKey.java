package org.infermeter.sample;

import java.util.Objects;

/** One model on one provider: the unit every statistic is computed for. */
public record CellKey(String model, String provider) implements Comparable<CellKey> {
    public CellKey {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(provider, "provider");
        if (model.isBlank() || provider.isBlank()) {
            throw new IllegalArgumentException("model and provider must not be blank: " + model + "/" + provider);
        }
    }

    @Override
    public int compareTo(CellKey o) {
        int c = model.compareTo(o.model);
        return c != 0 ? c : provider.compareTo(o.provider);
    }

    @Override
    public String toString() {
        return model + " @ " + provider;
    }
}

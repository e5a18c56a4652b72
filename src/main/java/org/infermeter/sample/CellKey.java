package org.infermeter.sample;

import java.util.Objects;

/**
 * One model on one provider, as measured from one region: the unit every statistic is computed
 * for. The region is {@code ""} for a single-machine run; a fleet's probes measure every cell from
 * each of their regions, and each region's measurements are a cell of their own.
 */
public record CellKey(String model, String provider, String region) implements Comparable<CellKey> {
    public CellKey {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
        if (model.isBlank() || provider.isBlank()) {
            throw new IllegalArgumentException("model and provider must not be blank: " + model + "/" + provider);
        }
    }

    /** The cell of a single-machine run (no region). */
    public CellKey(String model, String provider) {
        this(model, provider, "");
    }

    /** This model and provider as measured from {@code region}. */
    public CellKey inRegion(String region) {
        return region.equals(this.region) ? this : new CellKey(model, provider, region);
    }

    /** The provider, and the region when there is one: {@code p1} or {@code p1 (eu-west)}, a row's label. */
    public String providerLabel() {
        return region.isEmpty() ? provider : provider + " (" + region + ")";
    }

    @Override
    public int compareTo(CellKey o) {
        int c = model.compareTo(o.model);
        if (c != 0) return c;
        c = provider.compareTo(o.provider);
        return c != 0 ? c : region.compareTo(o.region);
    }

    @Override
    public String toString() {
        return model + " @ " + providerLabel();
    }
}

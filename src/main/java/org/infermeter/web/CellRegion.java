package org.infermeter.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.Objects;

import org.infermeter.sample.CellKey;

/**
 * A cell as measured from one region: the dashboard's row. {@link #id()} names it in URLs without the
 * slashes model names often hold ({@code deepseek-ai/DeepSeek-V3}).
 */
record CellRegion(CellKey cell, String region) {
    static final Comparator<CellRegion> ORDER = Comparator.comparing(CellRegion::cell)
            .thenComparing(CellRegion::region);

    CellRegion {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(region, "region");
    }

    /** URL-safe, reversible: base64url of model, provider and region joined by NUL (which no name holds). */
    String id() {
        String joined = cell.model() + '\0' + cell.provider() + '\0' + region;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** The inverse of {@link #id()}; null for a string that is not one. */
    static CellRegion ofId(String id) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8).split("\0", -1);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) return null;
        return new CellRegion(new CellKey(parts[0], parts[1]), parts[2]);
    }
}

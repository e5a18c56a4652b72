package org.infermeter.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.infermeter.sample.CellKey;

/**
 * Names a cell (model, provider, region) in URLs without the slashes model names often hold
 * ({@code deepseek-ai/DeepSeek-V3}): base64url of the three joined by NUL, which no name holds.
 */
final class CellIds {
    private CellIds() {
    }

    static String id(CellKey cell) {
        String joined = cell.model() + '\0' + cell.provider() + '\0' + cell.region();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** The inverse of {@link #id}; null for a string that is not one. */
    static CellKey ofId(String id) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8).split("\0", -1);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank()) return null;
        return new CellKey(parts[0], parts[1], parts[2]);
    }
}

package org.infermeter.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;

/** Maps a {@link Sample} to a row of the samples table and back, losslessly. */
final class SampleRows {
    static final String INSERT = """
            INSERT INTO samples (cell_id, sequence, warmup, scheduled_at, started_at, ttfb_ns, ttft_ns, ttfr_ns, e2e_ns,
                content_offsets, input_tokens, output_tokens, reasoning_tokens, token_source, http_status,
                outcome_kind, outcome_message, finish_reason, retry_after_s, response_model, system_fingerprint,
                server_headers, probe_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** {@link #INSERT} that stores nothing (and counts 0 rows) when the cell already has the sequence. */
    static final String INSERT_IF_NEW = INSERT + " ON CONFLICT (cell_id, sequence) DO NOTHING";

    /**
     * Columns {@link #read} expects, by position. NULLs come back as the records' own markers
     * (COALESCE), so each column is one read from the driver, without a second call to ask
     * whether it was NULL: a report reads a million rows.
     */
    /** How many columns {@link #SELECT_COLUMNS} names: a query may select more after them. */
    static final int SELECT_COLUMN_COUNT = 22;

    static final String SELECT_COLUMNS = """
            s.cell_id, s.sequence, s.warmup, s.scheduled_at, s.started_at, COALESCE(s.ttfb_ns, -1),
            COALESCE(s.ttft_ns, -1), COALESCE(s.ttfr_ns, -1), COALESCE(s.e2e_ns, -1), s.content_offsets,
            COALESCE(s.input_tokens, -1), COALESCE(s.output_tokens, -1), COALESCE(s.reasoning_tokens, -1),
            s.token_source, COALESCE(s.http_status, 0), s.outcome_kind, s.outcome_message, s.finish_reason,
            COALESCE(s.retry_after_s, -1), s.response_model, s.system_fingerprint, s.server_headers""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleRows() {
    }

    static void bind(PreparedStatement insert, long cellId, Sample sample, String probeId) throws SQLException {
        Exchange x = sample.exchange();
        Outcome outcome = x.outcome();
        int i = 0;
        insert.setLong(++i, cellId);
        insert.setInt(++i, sample.sequence());
        insert.setInt(++i, sample.warmup() ? 1 : 0);
        insert.setLong(++i, epochNanos(sample.scheduledAt()));
        insert.setLong(++i, epochNanos(sample.startedAt()));
        setOrNull(insert, ++i, x.ttfbNanos(), Exchange.ABSENT);
        setOrNull(insert, ++i, x.ttftNanos(), Exchange.ABSENT);
        setOrNull(insert, ++i, x.ttfrNanos(), Exchange.ABSENT);
        setOrNull(insert, ++i, x.e2eNanos(), Exchange.ABSENT);
        long[] offsets = x.contentOffsetsNanos();
        // VARBINARY, not BLOB: PostgreSQL's driver takes BLOB for a large object (oid), not bytea.
        if (offsets.length == 0) insert.setNull(++i, Types.VARBINARY);
        else insert.setBytes(++i, Varints.encodeDeltas(offsets));
        setOrNull(insert, ++i, x.usage().inputTokens(), Usage.UNKNOWN);
        setOrNull(insert, ++i, x.usage().outputTokens(), Usage.UNKNOWN);
        setOrNull(insert, ++i, x.usage().reasoningTokens(), Usage.UNKNOWN);
        insert.setString(++i, x.usage().source().name());
        setOrNull(insert, ++i, x.httpStatus(), 0);
        insert.setString(++i, outcome.kind());
        insert.setString(++i, outcome.message());
        insert.setString(++i, outcome instanceof Outcome.Completed c ? c.finishReason() : null);
        if (outcome instanceof Outcome.HttpError h) setOrNull(insert, ++i, h.retryAfterSeconds(), -1);
        else insert.setNull(++i, Types.BIGINT);
        insert.setString(++i, x.responseModel());
        insert.setString(++i, x.systemFingerprint());
        insert.setString(++i, x.serverHeaders().isEmpty() ? null : toJson(x.serverHeaders()));
        insert.setString(++i, probeId);
    }

    /**
     * Reads the row at the cursor, whose columns are {@link #SELECT_COLUMNS}.
     *
     * @param cells   the cell of each {@code cells.id}
     * @param strings the texts read so far, so the few distinct ones (finish reasons, messages, model
     *                names, header names) are held once however many rows repeat them
     */
    static Sample read(ResultSet row, Map<Long, CellKey> cells, Map<String, String> strings) throws SQLException {
        CellKey cell = cells.get(row.getLong(1));
        int sequence = row.getInt(2);
        boolean warmup = row.getInt(3) != 0;
        Instant scheduledAt = instant(row.getLong(4));
        Instant startedAt = instant(row.getLong(5));
        long ttfb = row.getLong(6);
        long ttft = row.getLong(7);
        long ttfr = row.getLong(8);
        long e2e = row.getLong(9);
        byte[] offsetsBlob = row.getBytes(10);
        long[] offsets = offsetsBlob == null ? new long[0] : Varints.decodeDeltas(offsetsBlob);
        Usage usage = new Usage(row.getInt(11), row.getInt(12), row.getInt(13), TokenSource.valueOf(row.getString(14)));
        int httpStatus = row.getInt(15);
        Outcome outcome = Outcome.of(row.getString(16), shared(strings, row.getString(17)),
                shared(strings, row.getString(18)), row.getLong(19));
        String headersJson = row.getString(22);
        Exchange exchange = new Exchange(ttfb, ttft, ttfr, e2e, offsets, usage, httpStatus, outcome,
                shared(strings, row.getString(20)), shared(strings, row.getString(21)),
                headersJson == null ? Map.of() : fromJson(headersJson, strings));
        return new Sample(cell, sequence, warmup, scheduledAt, startedAt, exchange);
    }

    private static String shared(Map<String, String> strings, String text) {
        if (text == null) return null;
        String known = strings.putIfAbsent(text, text);
        return known == null ? text : known;
    }

    static long epochNanos(Instant at) {
        try {
            return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("instant " + at + " is outside what the store keeps (years 1677 to 2262)");
        }
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    private static void setOrNull(PreparedStatement statement, int index, long value, long nullMarker)
            throws SQLException {
        if (value == nullMarker) statement.setNull(index, Types.BIGINT);
        else statement.setLong(index, value);
    }

    private static String toJson(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(headers));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write server headers as JSON", e);
        }
    }

    /** A flat JSON object of strings, read with the streaming parser: no data binding on every row. */
    private static Map<String, String> fromJson(String json, Map<String, String> strings) {
        try (JsonParser parser = JSON.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) throw notHeaders("not an object", null);
            Map<String, String> headers = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = shared(strings, parser.currentName());
                if (parser.nextToken() != JsonToken.VALUE_STRING) throw notHeaders("\"" + name + "\" is not a string", null);
                headers.put(name, parser.getText());
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) throw notHeaders("unexpected " + parser.currentToken(), null);
            return headers;
        } catch (JsonProcessingException e) {
            throw notHeaders(e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String: never happens
        }
    }

    private static IllegalArgumentException notHeaders(String why, Exception cause) {
        return new IllegalArgumentException("server_headers is not a JSON object of strings: " + why, cause);
    }
}

package org.infermeter.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
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
                server_headers)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Columns {@link #read} expects, prefixed by the cell's model and provider. */
    static final String SELECT_COLUMNS = """
            c.model, c.provider, s.sequence, s.warmup, s.scheduled_at, s.started_at, s.ttfb_ns, s.ttft_ns, s.ttfr_ns,
            s.e2e_ns, s.content_offsets, s.input_tokens, s.output_tokens, s.reasoning_tokens, s.token_source,
            s.http_status, s.outcome_kind, s.outcome_message, s.finish_reason, s.retry_after_s, s.response_model,
            s.system_fingerprint, s.server_headers""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private SampleRows() {
    }

    static void bind(PreparedStatement insert, long cellId, Sample sample) throws SQLException {
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
        if (offsets.length == 0) insert.setNull(++i, Types.BLOB);
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
        else insert.setNull(++i, Types.INTEGER);
        insert.setString(++i, x.responseModel());
        insert.setString(++i, x.systemFingerprint());
        insert.setString(++i, x.serverHeaders().isEmpty() ? null : toJson(x.serverHeaders()));
    }

    /** Reads the row at the cursor, whose columns are {@link #SELECT_COLUMNS}. */
    static Sample read(ResultSet row) throws SQLException {
        CellKey cell = new CellKey(row.getString("model"), row.getString("provider"));
        byte[] offsetsBlob = row.getBytes("content_offsets");
        long[] offsets = offsetsBlob == null ? new long[0] : Varints.decodeDeltas(offsetsBlob);
        Usage usage = new Usage(
                intOr(row, "input_tokens", Usage.UNKNOWN),
                intOr(row, "output_tokens", Usage.UNKNOWN),
                intOr(row, "reasoning_tokens", Usage.UNKNOWN),
                TokenSource.valueOf(row.getString("token_source")));
        Outcome outcome = Outcome.of(row.getString("outcome_kind"), row.getString("outcome_message"),
                row.getString("finish_reason"), longOr(row, "retry_after_s", -1));
        String headersJson = row.getString("server_headers");
        Exchange exchange = new Exchange(
                longOr(row, "ttfb_ns", Exchange.ABSENT),
                longOr(row, "ttft_ns", Exchange.ABSENT),
                longOr(row, "ttfr_ns", Exchange.ABSENT),
                longOr(row, "e2e_ns", Exchange.ABSENT),
                offsets, usage, intOr(row, "http_status", 0), outcome,
                row.getString("response_model"), row.getString("system_fingerprint"),
                headersJson == null ? Map.of() : fromJson(headersJson));
        return new Sample(cell, row.getInt("sequence"), row.getInt("warmup") != 0,
                instant(row.getLong("scheduled_at")), instant(row.getLong("started_at")), exchange);
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
        if (value == nullMarker) statement.setNull(index, Types.INTEGER);
        else statement.setLong(index, value);
    }

    private static long longOr(ResultSet row, String column, long whenNull) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? whenNull : value;
    }

    private static int intOr(ResultSet row, String column, int whenNull) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? whenNull : value;
    }

    private static String toJson(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(headers));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write server headers as JSON", e);
        }
    }

    private static Map<String, String> fromJson(String json) {
        try {
            return JSON.readValue(json, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("server_headers is not a JSON object of strings: " + e.getOriginalMessage());
        }
    }
}

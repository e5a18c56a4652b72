/**
 * Statistics over samples: pure functions, no I/O, no clock. Inputs are nanoseconds, outputs
 * milliseconds ({@code ...Ms}) and percentages ({@code ...Pct}); a figure that cannot be computed is
 * null, never NaN. Quantiles are Hyndman-Fan type 7 throughout; intervals are seeded percentile
 * bootstraps. {@link org.infermeter.stats.RequestFigures} defines each per-request figure once (TTFT in
 * ms, decode rate, billed cost; NaN there, not null, as they fill primitive arrays), and every cell
 * figure, workload metric and chart reads requests through it.
 * {@link org.infermeter.stats.CellStatistics} states each cell definition,
 * {@link org.infermeter.stats.ColdStartClassifier} the cold-start rule,
 * {@link org.infermeter.stats.ConsistencyGrade} the grade bands and
 * {@link org.infermeter.stats.Comparison} the recommendation rule and
 * {@link org.infermeter.stats.WindowStatistics} how a cell is split by time window. Depends on
 * {@code sample} only.
 */
package org.infermeter.stats;

/**
 * Renderers only: a {@link org.infermeter.analysis.model.CampaignReport} (statistics already computed)
 * in one format per class behind {@link org.infermeter.report.ReportFormat} (terminal table, Markdown,
 * JSON, CSV, HTML), and a {@link org.infermeter.analysis.model.CampaignDiff} behind
 * {@link org.infermeter.report.DiffFormat}. Depends on the report model ({@code analysis.model}),
 * {@code stats}' value types and {@code sample}; never on {@code run}, {@code store}, {@code config} or
 * {@code client}. Nothing here measures, reads a store or computes statistics.
 */
package org.infermeter.report;

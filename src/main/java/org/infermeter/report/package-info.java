/**
 * Renderers: a {@link org.infermeter.report.CampaignReport} (statistics already computed) in one
 * format per class behind {@link org.infermeter.report.ReportFormat}, plus the live console
 * progress listener. Nothing here measures or computes statistics.
 */
package org.infermeter.report;

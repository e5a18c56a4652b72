/**
 * The report model: immutable records of what a report shows
 * ({@link org.infermeter.analysis.model.CampaignReport}, {@link org.infermeter.analysis.model.CampaignDiff},
 * {@link org.infermeter.analysis.model.SloCheck}), built by {@code analysis} and read by every renderer.
 * Depends on {@code sample} and on {@code stats}' value types only, so that {@code report}, which
 * depends on it, never sees a store, a campaign file or an endpoint.
 */
package org.infermeter.analysis.model;

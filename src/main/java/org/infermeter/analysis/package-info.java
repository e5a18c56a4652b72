/**
 * Assembles a report model from a store: reads a campaign's samples, re-reads the campaign file as it
 * was stored (prices, time windows) and runs the statistics over them
 * ({@link org.infermeter.analysis.StoredCampaign}, {@link org.infermeter.analysis.CampaignAnalysis}).
 * Sits between {@code stats} and {@code report}: it may depend on {@code sample}, {@code config},
 * {@code store}, {@code stats} and its own {@code analysis.model}; nothing here renders or measures.
 */
package org.infermeter.analysis;

/**
 * The live dashboard of {@code infermeter serve}: a page, its JSON API, server-sent events when samples
 * land, and {@code /metrics} in the Prometheus text format. Reads a store (never writes it), polls it for
 * new samples, and computes every figure with {@code stats} (one definition per figure, the reports').
 * May depend on {@code sample}, {@code store} and {@code stats}.
 */
package org.infermeter.web;

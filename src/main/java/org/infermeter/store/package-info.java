/**
 * Campaigns and samples in one SQLite file: each sample committed before the next request starts, a
 * lock so two runs never write one store, and campaigns resumable after an interruption or a kill.
 * Depends on {@code sample} only; it stores what it is given and computes no figures.
 */
package org.infermeter.store;

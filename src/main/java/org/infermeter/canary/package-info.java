/**
 * The harness measuring itself: {@link org.infermeter.canary.CanaryServer}, a loopback streaming
 * server that stamps its own first token, which every campaign streams from beside its cells (and
 * the scale benchmark from at thousands of streams). The canary cell's name and its error are read
 * in {@code sample.Canary}. Depends on {@code sample} only.
 */
package org.infermeter.canary;

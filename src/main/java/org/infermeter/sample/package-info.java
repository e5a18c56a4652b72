/**
 * The measured record every room shares: a {@link org.infermeter.sample.Sample} is what one
 * request left behind. Produced by {@code run} (with {@code client}), persisted by {@code store},
 * read by {@code stats}. Nothing here depends on any other InferMeter package.
 */
package org.infermeter.sample;

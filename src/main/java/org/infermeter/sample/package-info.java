/**
 * The measured record every room shares: a {@link org.infermeter.sample.Sample} is what one
 * request left behind. Produced by {@code run} (with {@code client}), persisted by {@code store},
 * read by {@code stats}. Also the few definitions more than one room must agree on, kept here once:
 * {@link org.infermeter.sample.Price}, {@link org.infermeter.sample.Protocol},
 * {@link org.infermeter.sample.Units} and {@link org.infermeter.sample.CredentialNames}. Nothing here
 * depends on any other InferMeter package.
 */
package org.infermeter.sample;

/**
 * Simulated providers, server side: an OpenAI-compatible streaming server whose profiles model warm
 * replicas, cold starts, reclaim, queueing, token rate and errors, and which tells the ground truth
 * (which request was cold) in response headers. Depends on no other InferMeter package: the harness
 * reaches it over HTTP like any provider, and {@code cli} starts it for {@code simulate:} providers.
 */
package org.infermeter.sim;

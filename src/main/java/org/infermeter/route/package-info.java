/**
 * The gateway ({@code infermeter route}): an OpenAI- and Anthropic-compatible endpoint that sends each
 * request to the provider measured best for its model and workload ({@link org.infermeter.route.RouteTable},
 * ranked by the reports' own workload score over recent samples from the store), fails over before the
 * first byte reached the client, hedges a slow primary after its own warm TTFT percentile
 * ({@link org.infermeter.route.Router}), passes the winner's stream through event by event
 * ({@link org.infermeter.route.AnswerWriter}), and records every routed request as a live sample
 * ({@link org.infermeter.route.LiveRecorder}). Depends on {@code config} (the campaign and its
 * {@code route:} section), {@code run} (endpoints resolved as a run resolves them), {@code client} (the
 * shared streaming client's relays), {@code store}, {@code stats} (one definition per figure) and
 * {@code sample}; never on {@code sim}.
 */
package org.infermeter.route;

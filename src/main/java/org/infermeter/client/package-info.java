/**
 * Protocols over streaming HTTP: one {@link org.infermeter.client.Dialect} per wire protocol (OpenAI
 * chat completions and responses, Anthropic messages, Gemini, TGI), SSE framing, and one
 * {@link org.infermeter.sample.Exchange} per request with each event timestamped by
 * {@code System.nanoTime()} when its bytes arrive. Shared by every room that sends requests. Depends
 * on {@code sample} only: it knows neither campaign files nor the store; API keys live in an
 * {@link org.infermeter.client.Endpoint} and are scrubbed from everything a request leaves behind.
 */
package org.infermeter.client;

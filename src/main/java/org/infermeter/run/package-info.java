/**
 * Schedulers: turn a validated campaign into requests at the right moments, one cell at a time
 * per cell (concurrency 1), cells side by side so every provider is sampled over the same stretch
 * of time. Warm-ups are run, stored and marked. Every finished sample is handed to the store
 * before the cell's next request starts.
 */
package org.infermeter.run;

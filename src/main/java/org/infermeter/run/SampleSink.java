package org.infermeter.run;

import org.infermeter.sample.Sample;

/**
 * Where finished samples go. The runner waits for {@link #accept} to return before the cell's next
 * request: a sample is durable before the next one starts.
 */
@FunctionalInterface
public interface SampleSink {
    void accept(Sample sample);
}

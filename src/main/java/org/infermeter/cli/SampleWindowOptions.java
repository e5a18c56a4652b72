package org.infermeter.cli;

import java.time.Instant;

import org.infermeter.analysis.ReportWindow;
import org.infermeter.store.SampleQuery;
import picocli.CommandLine.Option;

/** {@code report}'s choice of samples: a window of time and a region. */
final class SampleWindowOptions {
    @Option(names = "--since", paramLabel = "DURATION",
            description = "Only samples started in the last DURATION (72h, 30m, 7d).")
    String since;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Only samples started at or after TIME (2026-11-20T08:00:00Z, or a UTC date 2026-11-20).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only samples started before TIME.")
    String to;

    @Option(names = "--region", paramLabel = "NAME",
            description = "Only samples measured from region NAME (probes' --region); default every region, side by side.")
    String region;

    SampleQuery query(Instant now) {
        return ReportWindow.parse(since, from, to, region, now);
    }
}

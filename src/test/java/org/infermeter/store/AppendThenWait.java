package org.infermeter.store;

import java.nio.file.Path;

import org.infermeter.sample.CellKey;

/**
 * Child process for {@link DurabilityTest}: appends N samples, says so on stdout, then waits to be
 * killed without closing the store. Arguments: store file, campaign id, N.
 */
public final class AppendThenWait {
    public static final String DONE = "appended";

    private AppendThenWait() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path file = Path.of(args[0]);
        long campaignId = Long.parseLong(args[1]);
        int count = Integer.parseInt(args[2]);
        SampleStore store = SampleStore.open(file);
        CellKey cell = new CellKey("kimi", "provider-a");
        for (int i = 0; i < count; i++) store.append(campaignId, Samples.completed(cell, i));
        System.out.println(DONE + " " + count);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // never closes the store: only SIGKILL ends this process
    }
}

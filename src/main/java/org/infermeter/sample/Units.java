package org.infermeter.sample;

/**
 * The one place nanoseconds (measured, as every {@link Exchange} stores them) become milliseconds
 * (reported); every room that shows a time converts here.
 */
public final class Units {
    private Units() {}

    public static double nanosToMs(long nanos) {
        return nanos / 1e6;
    }

    /** For a time already derived from nanoseconds (a threshold between two measured times). */
    public static double nanosToMs(double nanos) {
        return nanos / 1e6;
    }

    public static double[] nanosToMs(long[] nanos) {
        double[] ms = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            ms[i] = nanosToMs(nanos[i]);
        }
        return ms;
    }
}

package org.infermeter.stats;

/** The one place nanoseconds (measured) become milliseconds (reported). */
final class Units {
    private Units() {}

    static double nanosToMs(long nanos) {
        return nanos / 1e6;
    }

    static double[] nanosToMs(long[] nanos) {
        double[] ms = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            ms[i] = nanosToMs(nanos[i]);
        }
        return ms;
    }
}

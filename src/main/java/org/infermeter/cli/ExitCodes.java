package org.infermeter.cli;

/** The process exit codes, as the README's table lists them. */
final class ExitCodes {
    static final int DONE = 0;
    /** A mistake the user can fix; the message says what and where. */
    static final int USER_ERROR = 2;
    /** {@code report --check} found a cell that misses the SLO. */
    static final int SLO_MISSED = 3;
    /** A bug in InferMeter (sysexits' EX_SOFTWARE): the trace is printed, to be reported. */
    static final int INTERNAL_ERROR = 70;
    /** Stopped by Ctrl-C (SIGINT) or SIGTERM alike: 128 + SIGINT, the shell's own code for Ctrl-C. */
    static final int INTERRUPTED = 130;

    private ExitCodes() { }
}

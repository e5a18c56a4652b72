package org.infermeter.cli;

import java.io.PrintWriter;
import org.infermeter.config.CampaignFileException;
import org.infermeter.sample.UserError;
import picocli.CommandLine;

/**
 * Turns the errors a user can fix (a bad campaign file, an unknown profile or campaign, an
 * unreadable store: {@link CampaignFileException} and {@link UserError}) into their message and exit
 * code 2, without a stack trace. Anything else is a bug in InferMeter, never a typo in the user's
 * input: it is said to be one, printed with its trace, and exits 70.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR = ExitCodes.USER_ERROR;

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof CampaignFileException || e instanceof UserError) {
            err.println("infermeter: " + e.getMessage());
            err.flush();
            return USER_ERROR;
        }
        if (e instanceof InterruptedException) {
            err.println("infermeter: interrupted");
            err.flush();
            return ExitCodes.INTERRUPTED;
        }
        err.println("infermeter: internal error (a bug in InferMeter, not a mistake in your input); please report it"
                + " with the trace below:");
        e.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL_ERROR;
    }
}

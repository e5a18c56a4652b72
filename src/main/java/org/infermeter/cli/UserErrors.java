package org.infermeter.cli;

import org.infermeter.config.CampaignFileException;
import picocli.CommandLine;

/**
 * Turns the errors a user can fix (a bad campaign file, an unknown profile or campaign, an
 * unreadable store) into their message and exit code 2, without a stack trace; anything else is a
 * bug and keeps its trace.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof CampaignFileException || e instanceof IllegalArgumentException
                || e instanceof org.infermeter.store.StoreException) {
            cl.getErr().println("infermeter: " + e.getMessage());
            return USER_ERROR;
        }
        throw e;
    }
}

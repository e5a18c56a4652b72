package org.infermeter.probe;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.infermeter.config.CampaignFileException;
import org.infermeter.config.CampaignSpec;
import org.infermeter.config.RunPreflight;
import org.infermeter.run.ProbePlan;

/**
 * The campaign file a probe measures, read again whenever it changes: new cells start, removed ones
 * stop. A changed file that does not pass the checks a run makes is refused with its mistakes and the
 * probe keeps the last good one.
 */
public final class CampaignFile {

    /** A file as read and resolved: the validated campaign and its runnable cells. */
    public record Loaded(CampaignSpec spec, ProbePlan plan) { }

    private final Path file;
    private final Map<String, String> env;
    private final Set<String> simulatorProfiles;
    private final Function<String, URI> simulated;
    private final Clock clock;
    private String lastText;

    /**
     * @param simulated provider name -> base URL of the simulator serving the file's {@code simulate:}
     *                  providers (throws for a provider it does not serve)
     */
    public CampaignFile(Path file, Map<String, String> env, Set<String> simulatorProfiles,
                        Function<String, URI> simulated, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.env = Map.copyOf(env);
        this.simulatorProfiles = Set.copyOf(simulatorProfiles);
        this.simulated = Objects.requireNonNull(simulated, "simulated");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads and checks the file as {@code run} does.
     *
     * @throws CampaignFileException every mistake, each at its line
     */
    public synchronized Loaded load() throws CampaignFileException {
        CampaignSpec spec = RunPreflight.load(file, env, clock.instant(), simulatorProfiles);
        Map<String, String> keys = RunPreflight.check(spec, env, clock.instant(), simulatorProfiles);
        ProbePlan plan = ProbePlan.of(spec, keys, simulated);
        lastText = spec.sourceText();
        return new Loaded(spec, plan);
    }

    /**
     * The file again when its text changed since the last {@link #load}, else empty.
     *
     * @throws CampaignFileException when the changed file has mistakes (the caller keeps the old one)
     * @throws IOException           when the file cannot be read (moved away while the probe runs)
     */
    public synchronized Optional<Loaded> reloadIfChanged() throws CampaignFileException, IOException {
        String text = Files.readString(file);
        if (text.equals(lastText)) return Optional.empty();
        try {
            return Optional.of(load());
        } catch (CampaignFileException mistakes) {
            lastText = text; // said once, not at every round, until the file changes again
            throw mistakes;
        } catch (IllegalStateException | IllegalArgumentException notServed) {
            // A new simulate: provider the running simulator does not serve; the file is kept unread.
            lastText = text;
            throw new IOException(file + ": " + notServed.getMessage() + "; restart the probe to serve new"
                    + " simulated providers", notServed);
        }
    }

    public Path path() {
        return file;
    }
}

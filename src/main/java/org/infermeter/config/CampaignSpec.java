package org.infermeter.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SequencedSet;

import org.infermeter.sample.CellKey;

/**
 * A validated campaign file. {@code sourceText} is the file as read, kept so a store can record
 * exactly what was run; {@code marks} keep where each value was written, so later problems (a
 * missing API key) can still point at a line.
 *
 * @param load   the file's {@code load:} section, or null when it has none
 * @param canary run the canary cell beside the real ones (key {@code canary}, default true), so
 *               every report states the harness's own error
 * @param route  the file's {@code route:} section (read by {@code infermeter route}), or null when it has none
 * @param quality the file's {@code quality:} section (checkable tasks instead of the prompt), or null
 */
public record CampaignSpec(String name, Path source, String sourceText, List<ProviderSpec> providers,
                           PromptSpec prompt, ScheduleSpec schedule, TimeoutSpec timeouts,
                           SimulatorSpec simulator, LoadSpec load, boolean canary, SourceMarks marks,
                           RouteSpec route, QualitySpec quality) {

    public CampaignSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceText, "sourceText");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(marks, "marks");
        providers = List.copyOf(providers);
        if (providers.isEmpty()) throw new IllegalArgumentException("a campaign needs at least one provider");
        var names = new LinkedHashSet<String>();
        for (ProviderSpec p : providers) {
            if (!names.add(p.name())) throw new IllegalArgumentException("duplicate provider name \"" + p.name() + "\"");
        }
    }

    /** A campaign without a {@code route:} or {@code quality:} section. */
    public CampaignSpec(String name, Path source, String sourceText, List<ProviderSpec> providers, PromptSpec prompt,
                        ScheduleSpec schedule, TimeoutSpec timeouts, SimulatorSpec simulator, LoadSpec load,
                        boolean canary, SourceMarks marks) {
        this(name, source, sourceText, providers, prompt, schedule, timeouts, simulator, load, canary, marks, null, null);
    }

    /** A campaign built in code rather than read from a file: no {@code load:} section, the canary on, no positions. */
    public CampaignSpec(String name, Path source, String sourceText, List<ProviderSpec> providers, PromptSpec prompt,
                        ScheduleSpec schedule, TimeoutSpec timeouts, SimulatorSpec simulator) {
        this(name, source, sourceText, providers, prompt, schedule, timeouts, simulator, null, true, SourceMarks.NONE);
    }

    /** The {@code load:} section, if the file has one ({@code infermeter load} needs it). */
    public java.util.Optional<LoadSpec> loadSpec() {
        return java.util.Optional.ofNullable(load);
    }

    /**
     * Every (model, provider) pair some provider maps, grouped by model: models in the order they
     * first appear in the file, providers in file order within a model.
     */
    public List<CellKey> cells() {
        SequencedSet<String> models = new LinkedHashSet<>();
        providers.forEach(p -> models.addAll(p.models().keySet()));
        List<CellKey> cells = new ArrayList<>();
        for (String model : models) {
            for (ProviderSpec p : providers) {
                if (p.models().containsKey(model)) cells.add(new CellKey(model, p.name()));
            }
        }
        return List.copyOf(cells);
    }

    /** @throws IllegalArgumentException naming the unknown provider and the known ones */
    public ProviderSpec provider(String name) {
        for (ProviderSpec p : providers) {
            if (p.name().equals(name)) return p;
        }
        throw new IllegalArgumentException("no provider named \"" + name + "\" in campaign \"" + this.name
                + "\"; providers: " + providers.stream().map(ProviderSpec::name).toList());
    }

    /**
     * What differs between what this campaign and {@code other} measure (their names, providers,
     * prompt, schedule, timeouts and simulator), as field names; empty when only the text differs
     * (comments, layout, key order), so such a file still resumes its campaign.
     */
    public List<String> measurementDifferences(CampaignSpec other) {
        List<String> differ = new ArrayList<>();
        if (!name.equals(other.name)) differ.add("name");
        if (!providers.equals(other.providers)) differ.add("providers");
        if (!prompt.equals(other.prompt)) differ.add("prompt");
        if (!schedule.equals(other.schedule)) differ.add("schedule");
        if (!timeouts.equals(other.timeouts)) differ.add("timeouts");
        if (!simulator.equals(other.simulator)) differ.add("simulator");
        if (!Objects.equals(quality, other.quality)) differ.add("quality");
        return differ;
    }

    /** Leaves out the source text, which would drown everything else. */
    @Override
    public String toString() {
        return "CampaignSpec[name=" + name + ", source=" + source + ", providers=" + providers + ", prompt=" + prompt
                + ", schedule=" + schedule + ", timeouts=" + timeouts + ", simulator=" + simulator + ", load=" + load
                + ", canary=" + canary + "]";
    }
}

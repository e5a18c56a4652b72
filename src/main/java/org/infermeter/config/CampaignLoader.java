package org.infermeter.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a campaign file into a validated {@link CampaignSpec}. All problems are collected before
 * failing, each with file, line, column and field, so nothing runs from a half-understood file.
 */
public final class CampaignLoader {
    private static final Path UNNAMED = Path.of("<campaign>");
    /**
     * A campaign file is a few kilobytes; anything near this is the wrong file. Checked before
     * parsing, because the YAML library takes minutes and gigabytes to reject a 50 MB string.
     */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private CampaignLoader() {
    }

    public static CampaignSpec load(Path file) throws CampaignFileException {
        return load(file, null);
    }

    /** @param run checked while reading (keys, clock, profiles; see {@link RunPreflight#load}), or null */
    static CampaignSpec load(Path file, RunPreflight.Context run) throws CampaignFileException {
        String text;
        try {
            long bytes = Files.size(file);
            if (bytes > MAX_FILE_BYTES) throw tooLarge(file, bytes);
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw fileProblem(file, "no such file; check the path (working directory: "
                    + Path.of("").toAbsolutePath() + ")");
        } catch (CharacterCodingException e) {
            throw fileProblem(file, "is not UTF-8 text; save the campaign file as UTF-8");
        } catch (IOException e) {
            throw fileProblem(file, "cannot be read: " + e);
        }
        return parse(text, file, run);
    }

    public static CampaignSpec parse(String text, Path nameForMessages) throws CampaignFileException {
        return parse(text, nameForMessages, null);
    }

    static CampaignSpec parse(String text, Path nameForMessages, RunPreflight.Context run) throws CampaignFileException {
        Path file = nameForMessages == null ? UNNAMED : nameForMessages;
        if (text.length() > MAX_FILE_BYTES) throw tooLarge(file, text.length());
        Problems problems = new Problems(file);
        Node root = compose(text, problems);
        problems.throwIfAny();
        if (root == null) {
            throw new CampaignFileException(List.of(new Problem(file, 1, 1, "",
                    "the file is empty; a campaign needs at least name, providers and prompt")));
        }
        CampaignSpec spec = new CampaignReader(problems, run).read(root, text);
        problems.throwIfAny();
        return spec;
    }

    /** The YAML tree with line/column marks, or null for an empty document (a problem is recorded on bad YAML). */
    static Node compose(String text, Problems problems) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(MAX_FILE_BYTES);
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            String what = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            problems.add(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark(), "",
                    "not valid YAML: " + what + context + "; check indentation (spaces, not tabs) and quoting");
            return null;
        } catch (YAMLException e) {
            problems.add((org.yaml.snakeyaml.error.Mark) null, "", "not valid YAML: " + e.getMessage());
            return null;
        }
    }

    private static CampaignFileException tooLarge(Path file, long size) {
        return fileProblem(file, "is " + size + " bytes, more than a campaign file may be (" + MAX_FILE_BYTES
                + " bytes, 1 MiB; a campaign is a few kilobytes of YAML); check that this is the campaign file");
    }

    private static CampaignFileException fileProblem(Path file, String message) {
        return new CampaignFileException(List.of(new Problem(file, 0, 0, "", message)));
    }
}

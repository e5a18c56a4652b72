package org.infermeter.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The campaign files the README points users to must load as they are. */
class ExampleCampaignsTest {

    @Test
    void everyExampleCampaignLoads() throws IOException, CampaignFileException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(examples.size() >= 2, "examples found: " + examples);
        for (Path example : examples) {
            CampaignSpec spec = CampaignLoader.load(example);
            assertFalse(spec.cells().isEmpty(), example + " measures something");
            // A warmth probe measures idle windows, not a latency distribution: its count is gaps x repeats.
            assertTrue(spec.schedule().warmth() != null || spec.schedule().requests() >= 75,
                    example + " follows the method: >= 75 requests per cell");
        }
    }
}

package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 #1: keys with characters a header cannot carry (a zero-width space from a copy-paste, a
 * control character), exported as a user would, in a real process: refused before anything is sent
 * or stored, naming the variable, the position and the kind of character, never echoing the key.
 */
@Tag("slow")
class KeyCharactersIT {
    private static final String PASTED = "sk-live-4f9a\u200B8c21d0e7b6a5f3c2d1e0f9a8b7c6d5";
    private static final String BELL = "sk-live-77aa\u0007bb88cc99dd00ee11ff22";

    @TempDir
    Path dir;

    @Test
    void aKeyWithAnUnsendableCharacterIsRefusedWithoutEchoingIt() throws Exception {
        Path campaign = dir.resolve("keys.yaml");
        Files.writeString(campaign, """
                name: keys
                providers:
                  - name: pasted
                    base_url: http://127.0.0.1:9/v1
                    api_key_env: PASTED_KEY
                    models: {m: m}
                  - name: bell
                    base_url: http://127.0.0.1:9/v1
                    api_key_env: BELL_KEY
                    models: {m: m}
                prompt: {messages: [{role: user, content: hi}]}
                schedule: {requests: 1, warmup: 0, spacing: 0ms}
                """);
        Path db = dir.resolve("keys.db");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Dsun.jnu.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", campaign.toString(), "--store", db.toString());
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().put("PASTED_KEY", PASTED);
        pb.environment().put("BELL_KEY", BELL);
        Process child = pb.start();
        byte[] out = child.getInputStream().readAllBytes();
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, child.exitValue(), err);
        assertTrue(err.contains("keys.yaml:5:18: providers[0].api_key_env: the key in environment variable PASTED_KEY")
                && err.contains("U+200B ZERO WIDTH SPACE) at character 13 of"), err);
        assertTrue(err.contains("keys.yaml:9:18: providers[1].api_key_env: the key in environment variable BELL_KEY")
                && err.contains("a control character (U+0007"), err);
        String both = err + new String(out, StandardCharsets.UTF_8);
        for (String part : new String[] {"sk-live", "4f9a", "8c21d0e7", "77aa", "bb88cc99"}) {
            assertFalse(both.contains(part), "a piece of a key was printed: " + part + "\n" + both);
        }
        assertFalse(Files.exists(db), "nothing stored: no store file, so no \"running\" campaign without samples");
    }
}

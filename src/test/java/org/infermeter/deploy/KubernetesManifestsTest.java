package org.infermeter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/kubernetes renders with {@code kubectl kustomize} (offline) for each region and parses into the
 * objects the fleet needs: the probe Deployment with its region, the serve Deployment and Service, the
 * campaign in a generated ConfigMap (a valid campaign file), and the keys and database password in
 * generated Secrets that the Deployments refer to by their hashed names. Skipped without kubectl, except
 * on CI (CI=true), where a missing kubectl fails.
 */
class KubernetesManifestsTest {
    private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
    private static final Path DEPLOY = Path.of("deploy", "kubernetes");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"us-east", "eu-west"})
    void overlayRendersTheFleetOfItsRegion(String region) throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        assumeTrue(ci || Files.isExecutable(KUBECTL), "needs kubectl (it renders kustomize offline); CI installs it");
        Path tree = copyWithExampleSecrets();

        Map<String, JsonNode> objects = render(tree.resolve("overlays").resolve(region));
        assertEquals(List.of("ConfigMap/infermeter-campaign", "ConfigMap/infermeter-store", "Deployment/infermeter-probe",
                "Deployment/infermeter-serve", "Secret/infermeter-db", "Secret/infermeter-provider-keys",
                "Service/infermeter-serve"), List.copyOf(objects.keySet()));
        for (JsonNode o : objects.values()) {
            assertEquals("infermeter", o.at("/metadata/namespace").asText(), o.at("/metadata/name").asText());
            assertEquals(region, o.at("/metadata/labels/infermeter.org~1region").asText());
        }
        String campaignMap = name(objects, "ConfigMap/infermeter-campaign");
        String storeMap = name(objects, "ConfigMap/infermeter-store");
        String dbSecret = name(objects, "Secret/infermeter-db");
        String keysSecret = name(objects, "Secret/infermeter-provider-keys");
        assertTrue(campaignMap.matches("infermeter-campaign-[a-z0-9]{10}"), "generated, hashed: " + campaignMap);

        JsonNode probe = objects.get("Deployment/infermeter-probe").at("/spec/template/spec/containers/0");
        assertEquals("infermeter:0.1.0", probe.get("image").asText());
        assertEquals(List.of("probe", "/etc/infermeter/campaign.yaml", "--store", "$(STORE_URL)", "--region",
                "$(INFERMETER_REGION)"), strings(probe.get("args")));
        Map<String, JsonNode> env = env(probe);
        assertEquals(region, env.get("INFERMETER_REGION").get("value").asText());
        assertEquals(storeMap, env.get("STORE_URL").at("/valueFrom/configMapKeyRef/name").asText());
        assertEquals(dbSecret, env.get("PGPASSWORD").at("/valueFrom/secretKeyRef/name").asText());
        assertEquals(keysSecret, probe.at("/envFrom/0/secretRef/name").asText());
        assertEquals(campaignMap, objects.get("Deployment/infermeter-probe").at("/spec/template/spec/volumes/0/configMap/name").asText());

        JsonNode serve = objects.get("Deployment/infermeter-serve").at("/spec/template/spec/containers/0");
        assertEquals(List.of("serve", "--store", "$(STORE_URL)", "--bind", "0.0.0.0", "--port", "8080"), strings(serve.get("args")));
        assertEquals(dbSecret, env(serve).get("PGPASSWORD").at("/valueFrom/secretKeyRef/name").asText());
        assertTrue(env(serve).get("PGPASSWORD").has("valueFrom"), "the password never inline");
        JsonNode service = objects.get("Service/infermeter-serve");
        assertEquals("http", service.at("/spec/ports/0/targetPort").asText());
        assertEquals(objects.get("Deployment/infermeter-serve").at("/spec/template/metadata/labels/app.kubernetes.io~1name"),
                service.at("/spec/selector/app.kubernetes.io~1name"));

        // The secrets hold what the example env files say (placeholders), base64 as Kubernetes wants.
        assertEquals("replace-me", new String(java.util.Base64.getDecoder().decode(
                objects.get("Secret/infermeter-db").at("/data/PGPASSWORD").asText()), StandardCharsets.UTF_8));
        // The ConfigMap's campaign is a valid campaign file whose key variables the key Secret provides.
        Path campaign = dir.resolve("campaign-" + region + ".yaml");
        Files.writeString(campaign, objects.get("ConfigMap/infermeter-campaign").at("/data/campaign.yaml").asText());
        CampaignSpec spec = CampaignLoader.load(campaign);
        for (var provider : spec.providers()) {
            assertTrue(objects.get("Secret/infermeter-provider-keys").at("/data").has(provider.apiKeyEnv()),
                    provider.apiKeyEnv() + " is in the provider-keys Secret");
        }
    }

    /** The tree as a user has it after copying each secrets/*.env.example to *.env (they are not committed). */
    private Path copyWithExampleSecrets() throws IOException {
        Path tree = dir.resolve("kubernetes");
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path f : files.toList()) {
                Path to = tree.resolve(DEPLOY.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else if (!f.getFileName().toString().endsWith(".env")) {
                    Files.copy(f, to);
                }
            }
        }
        try (Stream<Path> examples = Files.list(tree.resolve("base").resolve("secrets"))) {
            for (Path example : examples.filter(f -> f.toString().endsWith(".env.example")).toList()) {
                String name = example.getFileName().toString();
                Files.copy(example, example.resolveSibling(name.substring(0, name.length() - ".example".length())));
            }
        }
        return tree;
    }

    private Map<String, JsonNode> render(Path overlay) throws Exception {
        Path out = dir.resolve("rendered.yaml");
        Path err = dir.resolve("kustomize.err");
        // Apart: kustomize v5 warns on stderr about the v2-compatible fields the manifests use.
        Process p = new ProcessBuilder(KUBECTL.toString(), "kustomize", overlay.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "kubectl kustomize finished");
        assertEquals(0, p.exitValue(), Files.readString(err));
        Map<String, JsonNode> objects = new TreeMap<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(out.toFile())) {
            while (docs.hasNext()) {
                JsonNode o = docs.next();
                String name = o.at("/metadata/name").asText();
                String base = name.replaceFirst("-[a-z0-9]{10}$", "");
                assertEquals(null, objects.put(o.get("kind").asText() + "/" + base, o), "one " + name);
            }
        }
        return objects;
    }

    private static String name(Map<String, JsonNode> objects, String key) {
        return objects.get(key).at("/metadata/name").asText();
    }

    private static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new TreeMap<>();
        for (JsonNode e : container.get("env")) env.put(e.get("name").asText(), e);
        return env;
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        for (JsonNode s : array) list.add(s.asText());
        return list;
    }
}

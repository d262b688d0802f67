package org.safereport.deploy;

import java.nio.file.Path;

/** Renders a Kustomize directory the way ops do, with {@code kubectl kustomize}. */
final class Kustomize {

    private Kustomize() {
    }

    /** The rendered YAML of {@code directory}, using the kubectl on this process's PATH. */
    static String render(Path directory) {
        Path kubectl = CommandLine.tool("kubectl", "The Kubernetes manifests in deploy/kubernetes are checked by"
                + " rendering them with `kubectl kustomize`, exactly as ops apply them; install kubectl 1.27 or newer"
                + " (Kustomize v5 is built in) from your distribution's packages and run the build again.");
        return CommandLine.run(kubectl, "kustomize", directory.toString());
    }
}

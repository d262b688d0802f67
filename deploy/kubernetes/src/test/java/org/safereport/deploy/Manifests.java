package org.safereport.deploy;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The manifests under test, the repository they deploy, and each rendering, rendered once per test run. */
final class Manifests {

    /** deploy/kubernetes: Surefire runs the tests in the module's folder and names it in "basedir". */
    static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path REPOSITORY = MODULE.resolve("../..").normalize();
    static final Path RUNBOOK = MODULE.resolve("README.md");

    static final CrdSchema CRD_SCHEMAS = CrdSchema.load(MODULE.resolve("src/test/resources/crd-schemas"));
    static final SourceTree SOURCES = SourceTree.read(REPOSITORY, RUNBOOK);

    private static final Map<Path, Rendering> RENDERINGS = new ConcurrentHashMap<>();

    private Manifests() {
    }

    /** The rendering of {@code directory}, relative to deploy/kubernetes (base, overlays/dev, ...). */
    static Rendering render(String directory) {
        return render(MODULE.resolve(directory));
    }

    static Rendering render(Path directory) {
        return RENDERINGS.computeIfAbsent(directory.normalize(), path ->
                Rendering.parse(MODULE.relativize(path).toString(), Kustomize.render(path), CRD_SCHEMAS));
    }
}

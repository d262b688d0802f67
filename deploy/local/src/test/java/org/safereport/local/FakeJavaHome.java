package org.safereport.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A Java home as far as {@link JavaHomes} looks: an executable bin/java and a release file. */
final class FakeJavaHome {

    private FakeJavaHome() {
    }

    static Path create(Path jvmFolder, String name, String version) throws IOException {
        Path home = jvmFolder.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.createFile(home.resolve("bin/java"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}

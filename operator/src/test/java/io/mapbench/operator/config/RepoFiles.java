package io.mapbench.operator.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository, found from the test's working directory (operator/) or the root. */
final class RepoFiles {
    private RepoFiles() {
    }

    static Path path(String relative) {
        String root = System.getProperty("mapbench.repo.root");
        if (root != null && Files.exists(Path.of(root, relative))) {
            return Path.of(root, relative);
        }
        Path fromModule = Path.of("..", relative);
        return Files.exists(fromModule) ? fromModule : Path.of(relative);
    }
}

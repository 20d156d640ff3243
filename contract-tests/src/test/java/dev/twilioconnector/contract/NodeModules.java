package dev.twilioconnector.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The build step before the contract tests (Maven runs {@link #main} through exec-maven-plugin): checks
 * that Node.js is there and new enough, and runs {@code npm ci} when {@code node_modules} is missing or
 * was installed from another {@code package-lock.json}.
 */
public final class NodeModules {

    /**
     * Prism 5.16 {@code require()}s an ES module (@faker-js/faker), which Node.js does without a flag
     * from 20.19 on; on Node.js 18 Prism dies at start with ERR_REQUIRE_ESM. (Its package.json asks for
     * 24.18, so npm warns "EBADENGINE" below that; the suite runs on 20.19 and newer all the same.)
     */
    static final int[] MINIMUM_NODE = {20, 19};

    static final String INSTALL_NODE = "The contract tests run Stoplight Prism, which needs Node.js 20.19 or newer and npm on the PATH. "
            + "Install them (Debian 13: apt-get install nodejs npm; Debian 12 and Ubuntu 24.04 ship Node.js 18, which is too old: "
            + "use nodejs.org, NodeSource or nvm there) and run the build again. -DskipTests builds without them.";

    /** Written into node_modules after a successful npm ci: the hash of the lock file it installed. */
    private static final String STAMP = ".installed-from-package-lock";
    private static final boolean WINDOWS = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");

    private NodeModules() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path module = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        String nodeVersion = requireNode();
        Path lock = module.resolve("package-lock.json");
        Path stamp = module.resolve("node_modules").resolve(STAMP);
        String wanted = sha256(Files.readAllBytes(lock));
        if (Files.exists(stamp) && Files.readString(stamp).trim().equals(wanted)) {
            System.out.println("[contract-tests] node_modules matches package-lock.json (Node.js " + nodeVersion + "); npm ci not needed");
            return;
        }
        String npm = WINDOWS ? "npm.cmd" : "npm";
        if (run(module, List.of(npm, "--version"), false) != 0) {
            throw new IllegalStateException(INSTALL_NODE + " (npm did not run)");
        }
        // --ignore-scripts: neither package needs an install script, and @scarf/scarf's would phone home from CI.
        long started = System.nanoTime();
        int exit = run(module, List.of(npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"), true);
        if (exit != 0) {
            throw new IllegalStateException("npm ci failed (exit code " + exit + ") in " + module + "; its output is above");
        }
        Files.writeString(stamp, wanted + System.lineSeparator());
        System.out.printf("[contract-tests] npm ci took %.1f s (Node.js %s)%n", (System.nanoTime() - started) / 1e9, nodeVersion);
    }

    /** The version of {@code node} on the PATH, or an exception that tells what to install. */
    static String requireNode() throws InterruptedException {
        String version;
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
                throw new IllegalStateException(INSTALL_NODE + " ('node --version' failed: " + version + ")");
            }
        } catch (IOException e) {
            throw new IllegalStateException(INSTALL_NODE + " (no 'node' on the PATH)", e);
        }
        Matcher matcher = Pattern.compile("v?(\\d+)\\.(\\d+)").matcher(version);
        if (!matcher.lookingAt()) {
            throw new IllegalStateException(INSTALL_NODE + " ('node --version' said '" + version + "')");
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        if (major < MINIMUM_NODE[0] || major == MINIMUM_NODE[0] && minor < MINIMUM_NODE[1]) {
            throw new IllegalStateException(INSTALL_NODE + " (found Node.js " + version + ")");
        }
        return version;
    }

    private static int run(Path directory, List<String> command, boolean showOutput) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        if (showOutput) {
            builder.inheritIO();
        } else {
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        try {
            return builder.start().waitFor();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

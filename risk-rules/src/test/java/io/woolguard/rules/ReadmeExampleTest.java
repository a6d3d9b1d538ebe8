package io.woolguard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example compiles against the modules and decides as the README says. */
class ReadmeExampleTest {
    private static final Pattern EMBEDDING_BLOCK =
            Pattern.compile("## For a platform team.*?```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void embeddingExample_compilesAndBlocksTheEmulatedClaim() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = EMBEDDING_BLOCK.matcher(readme);
        assertTrue(block.find(), "README has a java block under 'For a platform team'");
        Path source = dir.resolve("Embed.java");
        Files.writeString(source, block.group(1));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, null, diagnostics, "-cp", System.getProperty("java.class.path"),
                "-d", classes.toString(), source.toString());
        assertEquals(0, status, diagnostics.toString(StandardCharsets.UTF_8));

        String printed = runMain(classes, dir.resolve("data"));

        assertTrue(printed.startsWith("BLOCK 80 "), printed);
        for (String code : List.of("EMULATED_DEVICE", "VIRTUAL_CARRIER_PHONE", "NEW_ACCOUNT_CLAIM")) {
            assertTrue(printed.contains(code), code + " in " + printed);
        }
    }

    private static String runMain(Path classes, Path dataDir) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeExampleTest.class.getClassLoader())) {
            Method main = loader.loadClass("Embed").getMethod("main", String[].class);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {dataDir.toString()});
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}

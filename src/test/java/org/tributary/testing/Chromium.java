package org.tributary.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium driven over the DevTools protocol (one WebSocket, Java's own client): what the pages do in a
 * real browser at a given width and colour scheme, computed styles and sizes, scripts such as axe-core evaluated
 * in the page or in one of its frames, and screenshots. {@link #start} skips the test (fails it in CI) when no chromium is installed.
 */
public final class Chromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private Chromium(Process process, URI browser) throws Exception {
        this.process = process;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(browser, new Listener()).get(30, TimeUnit.SECONDS);
    }

    /** A headless Chromium with a fresh profile under {@code scratch}. */
    public static Chromium start(Path scratch) throws Exception {
        String chromium = Required.program("chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome").toString();
        Path profile = Files.createTempDirectory(scratch, "chromium");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio", "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI> address = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = err.readLine()) != null; ) {
                    int at = line.indexOf("ws://");
                    if (line.startsWith("DevTools listening on") && at >= 0) address.complete(URI.create(line.substring(at).strip()));
                }
            } catch (IOException ignored) {
                // the process ended
            }
            address.completeExceptionally(new IllegalStateException("chromium exited without a DevTools address"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return new Chromium(p, address.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** A new tab of the given viewport, in the light or dark colour scheme. */
    public Page open(int width, int height, boolean dark) throws Exception {
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        String session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId").asText();
        Page page = new Page(target, session);
        page.call("Page.enable", Map.of());
        page.call("Runtime.enable", Map.of());
        page.resize(width, height);
        page.call("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
        return page;
    }

    private JsonNode call(String session, String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) message.put("sessionId", session);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        synchronized (socket) {
            socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
        }
        JsonNode reply = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) throw new IllegalStateException(method + ": " + reply.get("error"));
        return reply.get("result");
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser is killed anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** One tab. */
    public final class Page {
        private final String target;
        private final String session;
        private int width;

        private Page(String target, String session) {
            this.target = target;
            this.session = session;
        }

        JsonNode call(String method, Map<String, ?> params) throws Exception {
            return Chromium.this.call(session, method, params);
        }

        /** Sets the viewport (CSS pixels, scale 1). */
        public void resize(int newWidth, int height) throws Exception {
            width = newWidth;
            call("Emulation.setDeviceMetricsOverride", Map.of("width", newWidth, "height", height,
                    "deviceScaleFactor", 1, "mobile", false));
        }

        /** Loads the URL and waits until the document and its subresources have loaded. */
        public Page go(String url) throws Exception {
            JsonNode nav = call("Page.navigate", Map.of("url", url));
            if (nav.has("errorText")) throw new IllegalStateException(url + ": " + nav.get("errorText").asText());
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> eval("location.href === " + JSON.writeValueAsString(url)
                            + " && document.readyState === 'complete'").asBoolean());
            return this;
        }

        /** Evaluates an expression in the page (a promise is awaited); its value as JSON. */
        public JsonNode eval(String expression) throws Exception {
            JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                    "returnByValue", true));
            if (r.has("exceptionDetails")) {
                JsonNode details = r.get("exceptionDetails");
                JsonNode ex = details.path("exception").path("description");
                throw new IllegalStateException("script failed: " + (ex.isMissingNode() ? details : ex.asText()));
            }
            JsonNode value = r.path("result").path("value");
            return value.isMissingNode() ? JSON.nullNode() : value;
        }

        /**
         * Evaluates an expression in the page's own world of the first frame whose URL starts with {@code urlPrefix}
         * (an iframe, of another origin too: DevTools is not bound by the same-origin rule); its value as JSON.
         */
        public JsonNode evalInFrame(String urlPrefix, String expression) throws Exception {
            String frame = frameId(call("Page.getFrameTree", Map.of()).get("frameTree"), urlPrefix, true);
            if (frame == null) throw new IllegalStateException("no frame at " + urlPrefix);
            // The frame's main world, as the page's Runtime reported it (the newest one: a navigation makes another).
            Integer context = null;
            for (JsonNode e : events) {
                JsonNode c = e.path("params").path("context");
                if (session.equals(e.path("sessionId").asText())
                        && e.path("method").asText().equals("Runtime.executionContextCreated")
                        && frame.equals(c.path("auxData").path("frameId").asText())
                        && c.path("auxData").path("isDefault").asBoolean()) {
                    context = c.get("id").asInt();
                }
            }
            if (context == null) throw new IllegalStateException("no script context yet in the frame at " + urlPrefix);
            JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                    "returnByValue", true, "contextId", context));
            if (r.has("exceptionDetails")) {
                throw new IllegalStateException("script failed in the frame: " + r.get("exceptionDetails"));
            }
            JsonNode value = r.path("result").path("value");
            return value.isMissingNode() ? JSON.nullNode() : value;
        }

        /** Waits until the expression is true in the frame at {@code urlPrefix} (see {@link #evalInFrame}). */
        public void untilInFrame(String urlPrefix, String expression) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> evalInFrame(urlPrefix, expression).asBoolean());
        }

        private static String frameId(JsonNode tree, String urlPrefix, boolean top) {
            JsonNode frame = tree.path("frame");
            if (!top && frame.path("url").asText().startsWith(urlPrefix)) return frame.path("id").asText();
            for (JsonNode child : tree.path("childFrames")) {
                String found = frameId(child, urlPrefix, false);
                if (found != null) return found;
            }
            return null;
        }

        /** Waits until the expression is true in the page. */
        public void until(String expression) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> eval(expression).asBoolean());
        }

        /** The page's DOM as it stands, serialised. */
        public String dom() throws Exception {
            return eval("document.documentElement.outerHTML").asText();
        }

        /** A PNG of the whole page (not only the viewport) at the current width. */
        public void screenshot(Path file) throws Exception {
            JsonNode size = eval("({w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight})");
            JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", Math.max(width, size.get("w").asInt()),
                            "height", size.get("h").asInt(), "scale", 1)));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
        }

        /** The console messages and uncaught errors seen so far in this tab. */
        public List<String> console() {
            List<String> out = new ArrayList<>();
            for (JsonNode e : events) {
                if (!session.equals(e.path("sessionId").asText())) continue;
                String method = e.path("method").asText();
                if (method.equals("Runtime.consoleAPICalled")) {
                    out.add(e.path("params").path("type").asText() + ": " + e.path("params").path("args"));
                } else if (method.equals("Runtime.exceptionThrown")) {
                    out.add("exception: " + e.path("params").path("exceptionDetails"));
                }
            }
            return out;
        }

        public void close() throws Exception {
            Chromium.this.call(null, "Target.closeTarget", Map.of("targetId", target));
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                try {
                    JsonNode node = JSON.readTree(message);
                    if (node.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(node.get("id").asInt());
                        if (f != null) f.complete(node);
                    } else if (node.path("method").asText().startsWith("Runtime.")) {
                        events.add(node);
                    }
                } catch (IOException e) {
                    // not JSON: ignore
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}

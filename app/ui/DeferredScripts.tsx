/**
 * The browser's side of app/server/deferred-scripts.server.ts (decision 041): once the page is
 * painted, Remix's module tags, made inert by the production server, are turned back into a
 * modulepreload link and a module script, which hydrate the page as before.
 */

/** The attribute an inert modulepreload link carries instead of its `rel`. */
export const DEFERRED_PRELOAD_ATTRIBUTE = "data-deferred-modulepreload";

/** The type an inert module script carries. */
export const DEFERRED_MODULE_TYPE = "text/x-deferred-module";

/** How many modulepreload links the starter adds in one task. */
const PRELOADS_PER_TASK = 2;

/**
 * Starts the inert scripts just after the first paint: a frame's callbacks run before its paint,
 * the task they queue after it. A page hidden before its first paint (opened in a background tab)
 * starts them at once, since nothing is being painted. Each starts once. Only a script that carries
 * this response's CSP nonce is started: markup injected into the page, which cannot know the nonce,
 * cannot use the starter to run a script the CSP would have refused.
 *
 * Each modulepreload link added starts a request: one to several milliseconds of the main thread
 * on this machine (four times more on the phone Lighthouse simulates). The 20 to 30 links of a page
 * are added two at a time, one task each (timers of the same delay run in the order they were
 * set), so that a tap is never kept waiting behind all of them. The module script comes last.
 */
const STARTER = `(function () {
  var d = document, nonce = d.currentScript && d.currentScript.nonce, started = false;
  function preload(inert) {
    var link = d.createElement("link");
    link.rel = "modulepreload";
    link.href = inert.getAttribute("href");
    d.head.appendChild(link);
  }
  function run(inert) {
    if (inert.nonce !== nonce) return;
    var script = d.createElement("script");
    script.type = "module";
    if (nonce) script.nonce = nonce;
    script.textContent = inert.textContent;
    d.body.appendChild(script);
  }
  function start() {
    if (started) return;
    started = true;
    var links = Array.prototype.slice.call(d.querySelectorAll("link[${DEFERRED_PRELOAD_ATTRIBUTE}]"));
    for (var i = 0; i < links.length; i += ${PRELOADS_PER_TASK}) {
      setTimeout(function (batch) { batch.forEach(preload); }, 0, links.slice(i, i + ${PRELOADS_PER_TASK}));
    }
    setTimeout(function () {
      d.querySelectorAll('script[type="${DEFERRED_MODULE_TYPE}"]').forEach(run);
    }, 0);
  }
  if (d.visibilityState === "hidden") return start();
  requestAnimationFrame(function () { setTimeout(start, 0); });
  d.addEventListener("visibilitychange", start);
})();`;

/**
 * Rendered after Remix's `<Scripts>`. Where the tags were not made inert (development), it finds
 * nothing to start.
 */
export function DeferredScriptsStarter({ nonce }: { nonce?: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant of this module, no user data
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: STARTER }} />;
}

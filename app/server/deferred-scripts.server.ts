/**
 * The page's scripts fetched once it is painted (decision 041).
 *
 * Remix's `<Scripts>` announces the page's modules with `<link rel="modulepreload">` and loads them
 * with an inline `<script type="module">`: the browser fetches all of them at once, beside the
 * stylesheet that the first paint waits for. On a slow connection they share its bandwidth, and the
 * page stays blank while 150 kB of JavaScript arrive that the first paint does not need (the forms
 * and links work without it). `<Scripts>` offers no way to defer them, so the production server
 * rewrites its two kinds of tags on their way out, and makes them inert:
 *
 * - `<link rel="modulepreload" href>` becomes `<link data-deferred-modulepreload href>`;
 * - `<script … type="module" async="">` becomes `<script … type="text/x-deferred-module">`.
 *
 * `DeferredScriptsStarter` (app/ui/DeferredScripts.tsx), an inline script the root renders after
 * `<Scripts>`, turns them back into a modulepreload link and a module script just after the first
 * paint. The inert elements keep their place, so React hydrates the document as before (its
 * production build does not compare attributes), and the new ones go at the end of the head and of
 * the body, which React 18 leaves alone.
 */
import { DEFERRED_MODULE_TYPE, DEFERRED_PRELOAD_ATTRIBUTE } from "~/ui/DeferredScripts";

const REWRITES: [from: string, to: string][] = [
  ['<link rel="modulepreload"', `<link ${DEFERRED_PRELOAD_ATTRIBUTE}`],
  [' type="module" async="">', ` type="${DEFERRED_MODULE_TYPE}">`],
];

/** The document with Remix's module tags made inert. */
export const deferScriptTags = (html: string) =>
  REWRITES.reduce((text, [from, to]) => text.replaceAll(from, to), html);

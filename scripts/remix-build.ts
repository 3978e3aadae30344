/**
 * `remix build` (the classic compiler), with the empty modules it puts in place of `.server`
 * modules in the browser build declared free of side effects (decision 045).
 *
 * The compiler gives the browser an empty CommonJS module for each `.server` module a route
 * imports (`module.exports = {}`). esbuild cannot tell that such a module does nothing, so it keeps
 * every one the routes import, even when no browser code uses it: each became a file of its own
 * (`_shared/chunk-….js`, 100 bytes plus a request's headers), up to ten per page. Declared without
 * side effects, as they are, esbuild leaves out those nothing uses.
 *
 * What remains is a browser use of a `.server` export, which reads `undefined` there (a page
 * that breaks once hydrated): the build's metafile is read after it and the build fails naming
 * the module.
 *
 * The DSFR's script is the one this application's components need (decision 047): react-dsfr's
 * start imports the DSFR's full script (`./dsfr/dsfr.module`, 110 kB, twenty components), which
 * is replaced by a module importing the core, the color schemes and the listed components' parts
 * (`dsfrScriptModules`), the files the full script is made of. The build fails if the browser's
 * build still holds the full script.
 *
 * The compiler offers no plugin option, so its `emptyModulesPlugin` is wrapped before the command
 * runs, and the DSFR's resolver added to the builds it is part of; `@remix-run/dev` is pinned by
 * the lock file, and this script stops if the function is no longer where it was. `npm run dev`
 * (`remix dev`) keeps the full script.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { DSFR, dsfrScriptModules } from "./lib/dsfr-components";

type OnResolveArgs = { path: string; importer: string };
type OnResolveResult = { path?: string; namespace?: string; sideEffects?: boolean } | undefined;
type OnLoadResult = { contents: string; resolveDir: string; loader: "js" };
type PluginBuild = {
  initialOptions: object;
  onResolve(
    options: { filter: RegExp; namespace?: string },
    callback: (args: OnResolveArgs) => OnResolveResult | Promise<OnResolveResult>,
  ): void;
  onLoad(
    options: { filter: RegExp; namespace: string },
    callback: () => OnLoadResult | Promise<OnLoadResult>,
  ): void;
};
type Plugin = { name: string; setup(build: PluginBuild): void | Promise<void> };

const require = createRequire(import.meta.url);
const EMPTY_MODULES = "@remix-run/dev/dist/compiler/plugins/emptyModules.js";
const emptyModules: { emptyModulesPlugin?: (...args: unknown[]) => Plugin } =
  require(EMPTY_MODULES);
const original = emptyModules.emptyModulesPlugin;
if (typeof original !== "function") {
  throw new Error(
    `${EMPTY_MODULES} : emptyModulesPlugin introuvable ; adaptez scripts/remix-build.ts`,
  );
}

/** The DSFR's full script as react-dsfr's start imports it. */
const FULL_DSFR_SCRIPT = /^\.\/dsfr\/dsfr\.module$/;
const REACT_DSFR_START = path.join("@codegouvfr", "react-dsfr", "start.js");
const DSFR_SCRIPT = "dsfr-script";
const DSFR_APP_MODULE = "dsfr.app.module";

/** The parts, read once for all the builds. */
let modules: Promise<string[]> | undefined;

/** Imports of the DSFR's full script replaced by the parts this application uses. */
function replaceDsfrScript(build: PluginBuild) {
  build.onResolve({ filter: FULL_DSFR_SCRIPT }, ({ importer }) =>
    importer.endsWith(REACT_DSFR_START)
      ? { path: DSFR_APP_MODULE, namespace: DSFR_SCRIPT }
      : undefined,
  );
  build.onLoad({ filter: /.*/, namespace: DSFR_SCRIPT }, async () => {
    modules ??= dsfrScriptModules();
    return {
      contents: (await modules).map((file) => `import "./${file}";`).join("\n"),
      resolveDir: path.resolve(DSFR),
      loader: "js",
    };
  });
}

let wrapped = 0;
/** Each build's options (one object per build, whichever plugin it is given to). */
const builds = new WeakSet<object>();
emptyModules.emptyModulesPlugin = (...args) => {
  const plugin = original(...args);
  wrapped++;
  return {
    ...plugin,
    setup: (build) => {
      // The compiler gives this plugin to its browser, server and CSS builds, twice to some: the
      // resolver is added once per build.
      if (!builds.has(build.initialOptions)) {
        builds.add(build.initialOptions);
        replaceDsfrScript(build);
      }
      return plugin.setup({
        ...build,
        onResolve: (options, callback) =>
          build.onResolve(options, async (resolveArgs) => {
            const result = await callback(resolveArgs);
            return result && { ...result, sideEffects: false };
          }),
      });
    },
  };
};

/**
 * The compilers the command creates. `remix build` never disposes of its esbuild contexts, and
 * ends its process with `process.exit` while they are open; this script did the same, and esbuild's
 * service, cut off while it still talked to them, printed now and then « fatal error: all
 * goroutines are asleep - deadlock! » after a complete build. They are disposed of, and the process
 * ends by itself.
 */
const COMPILER = "@remix-run/dev/dist/compiler/compiler.js";
type Compiler = { dispose(): Promise<void> };
const compilerModule: { create?: (...args: unknown[]) => Promise<Compiler> } = require(COMPILER);
const create = compilerModule.create;
if (typeof create !== "function") {
  throw new Error(`${COMPILER} : create introuvable ; adaptez scripts/remix-build.ts`);
}
const compilers: Compiler[] = [];
compilerModule.create = async (...args) => {
  const compiler = await create(...args);
  compilers.push(compiler);
  return compiler;
};

const { cli } = require("@remix-run/dev") as { cli: { run(argv: string[]): Promise<void> } };

try {
  await cli.run(["build"]);
  if (wrapped === 0)
    throw new Error("emptyModulesPlugin n'a pas été appelé ; adaptez scripts/remix-build.ts");
  if (compilers.length === 0)
    throw new Error(`${COMPILER} : create n'a pas été appelé ; adaptez scripts/remix-build.ts`);
  // The build is complete: a context that fails to close is said, not a failed build.
  for (const result of await Promise.allSettled(compilers.map((compiler) => compiler.dispose()))) {
    if (result.status === "rejected") console.warn("esbuild : contexte non fermé", result.reason);
  }
  await checkBrowserBuild();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
// With its contexts disposed of, esbuild's service lets the process end by itself: no forced exit
// while it could still be talking to it. Should anything keep the process alive, it fails instead
// of hanging (in CI, until the job's time runs out).
setTimeout(() => {
  console.error("npm run build : le processus ne s'est pas terminé 30 s après le build");
  process.exit(1);
}, 30_000).unref();

/**
 * No `.server` module (nor a server-only package) in the browser build: each one left is used by
 * browser code. The routes do import some: if the metafile names none, esbuild or the compiler
 * names them otherwise now, and this check would see nothing.
 */
async function checkBrowserBuild() {
  const metafile: {
    inputs: Record<string, unknown>;
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  } = JSON.parse(await readFile("build/metafile.js.json", "utf8"));
  if (!Object.keys(metafile.inputs).some((input) => input.startsWith("empty-module:"))) {
    throw new Error(
      "build/metafile.js.json ne nomme aucun module vide (empty-module:…) : adaptez scripts/remix-build.ts",
    );
  }
  const used = Object.entries(metafile.outputs).flatMap(([output, { inputs }]) =>
    Object.keys(inputs)
      .filter((input) => input.startsWith("empty-module:"))
      .map((input) => `${input.replace("empty-module:", "")} (${output})`),
  );
  // The browser's DSFR script is the assembled one (the server and CSS builds see the import too,
  // and never run it).
  const inputs = Object.keys(metafile.inputs);
  if (
    !inputs.includes(`${DSFR_SCRIPT}:${DSFR_APP_MODULE}`) ||
    inputs.includes(`${DSFR}/dsfr.module.js`)
  ) {
    throw new Error(
      "Le script complet du DSFR n'a pas été remplacé dans la version du navigateur (react-dsfr ne l'importe plus par ./dsfr/dsfr.module ?) : adaptez scripts/remix-build.ts",
    );
  }
  if (used.length > 0) {
    throw new Error(
      `Des modules propres au serveur sont utilisés par le code du navigateur, où ils sont vides : ${used.join(", ")}. ` +
        "Passez ces valeurs par le loader ou placez-les dans un module sans .server.",
    );
  }
}

/**
 * Assembles the files the production server needs, and nothing else, into dist/runtime (or the
 * folder given as argument): build/, public/, the migrations, package.json, and the files of
 * node_modules that build/index.js actually loads, as traced by @vercel/nft (the tracer behind
 * Next.js's standalone output). `npm ci --omit=dev` installs over 500 MB because peer dependencies
 * bring the Prisma CLI, its studio and TypeScript; the server loads a tenth of it.
 * The Dockerfile's last stage copies this folder; `npm run test:runtime` starts the server from it.
 *
 * Run after `npm run build`.
 */
import { cp, mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { nodeFileTrace } from "@vercel/nft";

const root = process.cwd();
const target = path.resolve(process.argv[2] ?? "dist/runtime");
const entry = "build/index.js";

/** Copied whole: what the server reads by path rather than by import. */
const FOLDERS = ["build", "public", "prisma/migrations"];

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

if (!(await exists(path.join(root, entry)))) {
  console.error(`${entry} est absent : lancez d'abord npm run build.`);
  process.exit(1);
}

// Node 20.19 and later honour the "module-sync" export condition; the image runs Node 22: trace
// both branches.
const { fileList, warnings } = await nodeFileTrace([entry], {
  base: root,
  conditions: ["node", "module-sync"],
  moduleSyncCatchall: true,
});
/** Optional imports their packages guard with try/catch: libpq bindings, Cloudflare's sockets. */
const OPTIONAL = new Set(["pg-native", "cloudflare:sockets"]);
// A dependency that is imported but cannot be found would fail at start: say so now.
const missing = [...warnings].filter((warning) => {
  const name = /Cannot find module '([^']+)'/.exec(warning.message)?.[1];
  return name !== undefined && !OPTIONAL.has(name);
});
if (missing.length) {
  for (const warning of missing) console.error(warning.message);
  process.exit(1);
}

await rm(target, { recursive: true, force: true });
await mkdir(target, { recursive: true });
const modules = [...fileList].filter((file) => file.startsWith("node_modules/"));
for (const file of modules) {
  await cp(path.join(root, file), path.join(target, file), { dereference: true, force: true });
}
for (const folder of FOLDERS) {
  await cp(path.join(root, folder), path.join(target, folder), { recursive: true });
}
await cp(path.join(root, "package.json"), path.join(target, "package.json"));

console.log(`${modules.length} fichiers de node_modules tracés ; ensemble d'exécution : ${target}`);

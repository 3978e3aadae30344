/**
 * Proves the first steps of the Dockerfile's build stage without a Docker engine: the files it
 * copies before `npm ci` (read from the Dockerfile itself) are copied alone into a temporary folder,
 * and `npm ci` runs there as it does in the image, `postinstall` included (Prisma's client, the DSFR
 * copied into public/ and its stylesheet assembled). It failed unnoticed once: `public/` was not
 * copied yet and `copy-dsfr-to-public` stopped the install. The steps after (`COPY . .`, the build,
 * the runtime file set) are those of `npm test`, and the image's content is checked by
 * scripts/check-runtime.ts. Run by .ci/run.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** The `COPY` instructions of the build stage before its first `RUN npm ci`: [sources, target]. */
function copiesBeforeInstall(dockerfile: string): [string[], string][] {
  const lines = dockerfile.split("\n").map((line) => line.trim());
  const stage = lines.findIndex((line) => /^FROM\s+\S+\s+AS\s+build$/i.test(line));
  if (stage < 0) throw new Error("Dockerfile : étape « build » introuvable");
  const copies: [string[], string][] = [];
  for (const line of lines.slice(stage + 1)) {
    if (/^RUN\s+npm\s+ci\b/.test(line)) return copies;
    if (/^FROM\s/i.test(line)) break;
    const copy = /^COPY\s+(?!--from)(.+)$/.exec(line);
    if (!copy?.[1]) continue;
    const words = copy[1].split(/\s+/);
    const target = words.pop();
    if (!target || words.length === 0) throw new Error(`Dockerfile : ${line}`);
    copies.push([words, target]);
  }
  throw new Error("Dockerfile : pas de « RUN npm ci » dans l'étape « build »");
}

async function main() {
  const copies = copiesBeforeInstall(await readFile("Dockerfile", "utf8"));
  const dir = await mkdtemp(path.join(tmpdir(), "aj-docker-install-"));
  try {
    for (const [sources, target] of copies) {
      for (const source of sources) {
        // Several sources, or a target ending with "/": into that folder; else the target itself.
        const into = sources.length > 1 || target.endsWith("/");
        const destination = into
          ? path.join(dir, target, path.basename(source))
          : path.join(dir, target);
        await cp(source, destination, { recursive: true });
      }
    }
    console.log(`npm ci sur ${copies.flatMap(([sources]) => sources).join(", ")}`);
    const install = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], {
      cwd: dir,
      stdio: "inherit",
    });
    if (install.status !== 0) {
      throw new Error(`npm ci a échoué (${install.status}) avec les fichiers copiés avant lui`);
    }
    for (const expected of ["app/generated/prisma", "public/dsfr/dsfr.app.min.css"]) {
      if (!existsSync(path.join(dir, expected))) throw new Error(`${expected} absent après npm ci`);
    }
    console.log("Étape « build » du Dockerfile : npm ci réussit avec les fichiers qu'elle copie.");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();

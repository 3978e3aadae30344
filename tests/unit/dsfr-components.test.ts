import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DSFR, dsfrScriptModules } from "../../scripts/lib/dsfr-components";

describe("the DSFR's script, assembled from its parts (decision 047)", () => {
  it("starts with the core and the color schemes, then the listed components that have a script", async () => {
    const modules = await dsfrScriptModules();
    expect(modules.slice(0, 2)).toEqual(["core/core.module.js", "scheme/scheme.module.js"]);
    for (const name of ["header", "modal", "navigation", "breadcrumb", "table"]) {
      expect(modules).toContain(`component/${name}/${name}.module.js`);
    }
    // Listed, but styles only: no script of their own.
    expect(modules.some((file) => file.includes("/alert/") || file.includes("/stepper/"))).toBe(
      false,
    );
    for (const file of modules) expect(existsSync(`${DSFR}/${file}`)).toBe(true);
  });

  it("leaves out the components not listed, and stops on a name the DSFR does not have", async () => {
    const modules = await dsfrScriptModules(["header", "modal", "navigation"]);
    expect(modules.some((file) => /\/(display|tab|range|password|table)\//.test(file))).toBe(false);
    await expect(dsfrScriptModules(["header", "modale"])).rejects.toThrow(
      /modale : composant inconnu/,
    );
  });

  it("keeps the order of the DSFR's full script, whatever the list's", async () => {
    const ordered = await dsfrScriptModules(["table", "header", "modal", "button"]);
    expect(ordered).toEqual([
      "core/core.module.js",
      "scheme/scheme.module.js",
      "component/button/button.module.js",
      "component/modal/modal.module.js",
      "component/header/header.module.js",
      "component/table/table.module.js",
    ]);
  });

  it("stops on a part the full script does not contain", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "dsfr-script-"));
    try {
      const full = await readFile(`${DSFR}/dsfr.module.js`, "utf8");
      const withoutTable = path.join(folder, "dsfr.module.js");
      await writeFile(withoutTable, full.replace("\napi.table = {", "\napi.tables = {"));
      await expect(dsfrScriptModules(["header"], withoutTable)).resolves.toHaveLength(3);
      await expect(dsfrScriptModules(["header", "table"], withoutTable)).rejects.toThrow(
        /table : partie introuvable/,
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  fontCharacters,
  isExtended,
  marianneFiles,
  splitCharacters,
  subsetFile,
  subsetWoff2,
  unicodeRange,
  withSubsets,
} from "../../scripts/lib/font-subsets";

const FRENCH_TEXT = "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÙÛÜŸŒÆ«»’“”–—…€ ";
const codePoints = (text: string) => [...text].map((character) => character.codePointAt(0) ?? 0);

const DSFR_FACE =
  '@font-face{font-display:swap;font-family:Marianne;font-style:normal;font-weight:400;src:url(fonts/Marianne-Regular.woff2) format("woff2"),url(fonts/Marianne-Regular.woff) format("woff")}';

describe("Marianne cut in a main and an extended file", () => {
  it("keeps every character of French text in the main file", () => {
    for (const codePoint of codePoints(FRENCH_TEXT)) {
      expect(isExtended(codePoint), String.fromCodePoint(codePoint)).toBe(false);
    }
  });

  it("sends other languages' letters to the extended file", () => {
    for (const codePoint of codePoints("ŁłőčšžĂăễơưẞ")) {
      expect(isExtended(codePoint), String.fromCodePoint(codePoint)).toBe(true);
    }
    expect(splitCharacters([0x1ec5, 0x41, 0x141, 0x41, 0x153])).toEqual({
      main: [0x41, 0x153],
      extended: [0x141, 0x1ec5],
    });
  });

  it("writes consecutive characters as ranges", () => {
    expect(unicodeRange([0x42, 0x41, 0x43, 0x153, 0x1ec5, 0x152])).toBe(
      "U+0041-0043,U+0152-0153,U+1EC5",
    );
    expect(unicodeRange([0x20])).toBe("U+0020");
  });

  it("replaces each DSFR face by one face per file, the woff file kept as their fallback", () => {
    const css = `${DSFR_FACE}\n.a{color:red}`;
    expect(marianneFiles(css)).toEqual(["fonts/Marianne-Regular.woff2"]);
    const cut = withSubsets(
      css,
      new Map([
        [
          "fonts/Marianne-Regular.woff2",
          [
            { part: "main", unicodeRange: "U+0020-007E", version: "a1" },
            { part: "extended", unicodeRange: "U+0100-017F", version: "b2" },
          ],
        ],
      ]),
    );
    expect(cut).toBe(
      '@font-face{font-display:swap;font-family:Marianne;font-style:normal;font-weight:400;src:url(fonts/Marianne-Regular.main.woff2?v=a1) format("woff2"),url(fonts/Marianne-Regular.woff) format("woff");unicode-range:U+0020-007E}\n' +
        '@font-face{font-display:swap;font-family:Marianne;font-style:normal;font-weight:400;src:url(fonts/Marianne-Regular.extended.woff2?v=b2) format("woff2"),url(fonts/Marianne-Regular.woff) format("woff");unicode-range:U+0100-017F}\n' +
        ".a{color:red}",
    );
  });

  it("refuses a Marianne face written otherwise (a new DSFR) or not cut", () => {
    const other = DSFR_FACE.replace('format("woff2"),', "");
    expect(() => withSubsets(other, new Map())).toThrow(/adaptez scripts\/lib\/font-subsets.ts/);
    expect(() => withSubsets(DSFR_FACE, new Map())).toThrow(/non découpée/);
  });

  describe("on the DSFR's Marianne regular", () => {
    let folder = "";
    afterAll(() => rm(folder, { recursive: true, force: true }));

    const characters = async (file: string) => fontCharacters(await readFile(file));

    it("splits its characters between the two files, none lost, the main file about half", async () => {
      folder = await mkdtemp(path.join(tmpdir(), "font-subsets-"));
      const original = path.join(folder, "Marianne-Regular.woff2");
      await copyFile(
        "node_modules/@codegouvfr/react-dsfr/dsfr/fonts/Marianne-Regular.woff2",
        original,
      );
      const parts = await subsetWoff2(original);
      expect(parts.map(({ part }) => part)).toEqual(["main", "extended"]);

      const all = await characters(original);
      const main = await characters(subsetFile(original, "main"));
      const extended = await characters(subsetFile(original, "extended"));
      expect([...main, ...extended].sort((a, b) => a - b)).toEqual(all.sort((a, b) => a - b));
      expect(main).toEqual(expect.arrayContaining(codePoints(FRENCH_TEXT)));
      expect(extended).toEqual(expect.arrayContaining(codePoints("Łő")));
      expect(parts[0]?.unicodeRange).toBe(unicodeRange(main));

      const size = async (file: string) => (await readFile(file)).length;
      expect(await size(subsetFile(original, "main"))).toBeLessThan((await size(original)) * 0.6);
    });
  });
});

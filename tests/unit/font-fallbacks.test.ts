import { describe, expect, it } from "vitest";
import {
  adjustments,
  FALLBACKS,
  fallbackFaces,
  fallbackFamily,
  withFallbacks,
} from "../../scripts/lib/font-fallbacks";

describe("fallback faces drawn to Marianne's measures", () => {
  it("scale a fallback so that its average letter is as wide as Marianne's", () => {
    // Marianne: 488 thousandths of an em; Arial: 913 / 2048 = 446.
    const marianne = { ascent: 1100, descent: -400, lineGap: 0, unitsPerEm: 1000, xWidthAvg: 488 };
    const arial = { ascent: 1854, descent: -434, lineGap: 67, unitsPerEm: 2048, xWidthAvg: 913 };
    const adjusted = adjustments(marianne, arial);
    expect(adjusted.sizeAdjust).toBeCloseTo(0.488 / (913 / 2048), 6);
    // Once scaled, the line keeps Marianne's ascent and descent (1.1 and 0.4 em).
    expect(adjusted.ascentOverride * adjusted.sizeAdjust).toBeCloseTo(1.1, 6);
    expect(adjusted.descentOverride * adjusted.sizeAdjust).toBeCloseTo(0.4, 6);
    expect(adjusted.lineGapOverride).toBe(0);
  });

  it("declare one face per device font and weight, for latin text only", () => {
    const faces = fallbackFaces().split("\n");
    expect(faces).toHaveLength(FALLBACKS.length * 3);
    for (const face of faces) {
      expect(face).toMatch(/^@font-face\{font-family:"Marianne secours [^"]+";/);
      expect(face).toMatch(/src:local\("[^"]+"\)/);
      expect(face).toMatch(/size-adjust:\d+\.\d{2}%/);
      expect(face).toContain("unicode-range:U+0000-00FF");
    }
    expect(faces.filter((face) => face.includes("font-weight:700"))).toHaveLength(FALLBACKS.length);
  });

  it("refuse a Marianne stack written otherwise (a new DSFR), or none", () => {
    expect(() =>
      withFallbacks("body{font-family:Marianne,arial,sans-serif}p{font-family:Marianne,Arial}"),
    ).toThrow(/Piles de polices Marianne : 2, dont 1/);
    expect(() => withFallbacks("body{font-family:Inter,sans-serif}")).toThrow(/: 0,/);
  });

  it("slip the fallbacks between Marianne and the DSFR's own fallbacks", () => {
    const css = "body{font-family:Marianne,arial,sans-serif}.x{font-family:Spectral,georgia,serif}";
    const families = FALLBACKS.map(({ family }) => `"${fallbackFamily(family)}"`).join(",");
    expect(withFallbacks(css)).toBe(
      `body{font-family:Marianne,${families},arial,sans-serif}.x{font-family:Spectral,georgia,serif}`,
    );
  });
});

// The few entry points of these packages the build uses (they publish no types).

declare module "subset-font" {
  /** HarfBuzz's subsetter: the font with the glyphs of `text` only (and all layout features). */
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: { targetFormat?: "woff2" | "woff" | "truetype" | "sfnt" },
  ): Promise<Buffer>;
}

declare module "fontverter" {
  const fontverter: {
    convert(font: Uint8Array, format: "woff2" | "woff" | "truetype" | "sfnt"): Promise<Buffer>;
  };
  export default fontverter;
}

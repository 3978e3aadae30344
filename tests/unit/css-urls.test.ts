import { describe, expect, it, vi } from "vitest";
import { inlineSvgs, localUrls, relocateUrls } from "../../scripts/lib/css";

describe("relocateUrls", () => {
  const from = "public/dsfr/component/link/link.main.min.css";
  const to = "public/dsfr/dsfr.app.min.css";

  it("rewrites relative addresses, quoted or not, to stay right from the new file", () => {
    expect(relocateUrls(".a{background:url(../../icons/system/close-line.svg)}", from, to)).toBe(
      ".a{background:url(icons/system/close-line.svg)}",
    );
    expect(relocateUrls(`.b{src:url("../../fonts/M.woff2") format("woff2")}`, from, to)).toBe(
      `.b{src:url("fonts/M.woff2") format("woff2")}`,
    );
  });

  it("leaves data, absolute and fragment addresses alone", () => {
    const css =
      `.a{mask:url("data:image/svg+xml;charset=utf8,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E")}` +
      ".b{background:url(/dsfr/x.svg)}.c{background:url(https://example.org/x.svg)}" +
      ".d{filter:url(#shadow)}";
    expect(relocateUrls(css, from, to)).toBe(css);
  });
});

describe("localUrls", () => {
  it("lists each relative address once, without its query or fragment", () => {
    const css =
      ".a{src:url(fonts/M.woff2?v=1)}.b{src:url('fonts/M.woff2#x')}" +
      ".c{background:url(data:image/png;base64,AAAA)}.d{background:url(/abs.svg)}";
    expect(localUrls(css)).toEqual(["fonts/M.woff2"]);
  });
});

describe("inlineSvgs", () => {
  it("writes each relative SVG in the stylesheet, reading each file once, and leaves the rest", () => {
    const read = vi.fn(
      () => '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h24v24z"/></svg>\n',
    );
    const css =
      ".a::before{-webkit-mask-image:url(icons/a.svg);mask-image:url(icons/a.svg)}" +
      '.b{src:url("fonts/M.woff2")}.c{background:url(/abs.svg)}';
    const inlined = inlineSvgs(css, read);
    expect(read).toHaveBeenCalledOnce();
    expect(read).toHaveBeenCalledWith("icons/a.svg");
    const data =
      "data:image/svg+xml,%3csvg xmlns='http://www.w3.org/2000/svg'%3e%3cpath d='M0 0h24v24z'/%3e%3c/svg%3e";
    expect(inlined).toBe(
      `.a::before{-webkit-mask-image:url("${data}");mask-image:url("${data}")}` +
        '.b{src:url("fonts/M.woff2")}.c{background:url(/abs.svg)}',
    );
    expect(localUrls(inlined)).toEqual(["fonts/M.woff2"]);
  });
});

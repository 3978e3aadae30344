import { afterEach, describe, expect, it, vi } from "vitest";
import { dayInFrance, timeInFrance } from "~/domain/french";

describe("dates in France", () => {
  // 23:30 UTC on 31 December: already the next day, and year, in Paris (winter time, UTC+1).
  const newYear = new Date("2025-12-31T23:30:00Z");
  // 22:15 UTC on 30 June: 00:15 on 1 July in Paris (summer time, UTC+2).
  const summer = new Date("2026-06-30T22:15:00Z");

  it("writes the day of an instant as it is in Paris", () => {
    expect(dayInFrance(newYear)).toBe("01/01/2026");
    expect(dayInFrance(newYear, "medium")).toBe("1 janv. 2026");
    expect(dayInFrance(newYear, "long")).toBe("1 janvier 2026");
    expect(dayInFrance(summer.toISOString(), "long")).toBe("1 juillet 2026");
  });

  it("writes an instant to the minute, as it is in Paris", () => {
    expect(timeInFrance(newYear)).toBe("1 janvier 2026 à 00:30");
    expect(timeInFrance(summer, "short")).toBe("01/07/2026 00:15");
  });
});

describe("formatters", () => {
  const { NumberFormat, DateTimeFormat } = Intl;
  afterEach(() => {
    Intl.NumberFormat = NumberFormat;
    Intl.DateTimeFormat = DateTimeFormat;
    vi.resetModules();
  });

  it("are built on first use, once, not when the module loads (a page's start pays for none)", async () => {
    // Counted, and built as before.
    const built = { numbers: 0, dates: 0 };
    Intl.NumberFormat = class extends NumberFormat {
      constructor(...args: ConstructorParameters<typeof NumberFormat>) {
        super(...args);
        built.numbers++;
      }
    } as typeof NumberFormat;
    Intl.DateTimeFormat = class extends DateTimeFormat {
      constructor(...args: ConstructorParameters<typeof DateTimeFormat>) {
        super(...args);
        built.dates++;
      }
    } as typeof DateTimeFormat;
    vi.resetModules();
    const french = await import("~/domain/french");
    expect(built).toEqual({ numbers: 0, dates: 0 });

    expect(french.euros(12862)).toBe("12\u202f862 €");
    expect(french.euros(9000)).toBe("9\u202f000 €");
    expect(built).toEqual({ numbers: 1, dates: 0 });
    expect(french.todayInFrance(new Date("2025-12-31T23:30:00Z"))).toBe("2026-01-01");
    expect(french.todayInFrance(new Date("2026-06-30T12:00:00Z"))).toBe("2026-06-30");
    expect(built).toEqual({ numbers: 1, dates: 1 });
  });
});

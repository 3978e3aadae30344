/** The pure figures of app/domain/statistics.ts, and France's midnights across the time changes. */
import { describe, expect, it } from "vitest";
import { addDays, monthsInWords, parisMidnight } from "~/domain/french";
import { delayBucket, endingOf, perDay, quantileDays, shareWithin } from "~/domain/statistics";
import { mondayOf, parseStatisticsQuery } from "~/forms/statistics";

const histogram = (hours: number[]) => {
  const map = new Map<number, number>();
  for (const h of hours) map.set(delayBucket(h), (map.get(delayBucket(h)) ?? 0) + 1);
  return map;
};

describe("delays", () => {
  it("are counted by the hour up to ten days, then by the day", () => {
    expect([0, 1.9, 119.5, 239, 240, 263, 264, 1000].map(delayBucket)).toEqual([
      0, 1, 119, 239, 240, 240, 264, 984,
    ]);
    expect(delayBucket(-3)).toBe(0);
  });

  it("count a decision in exactly 5 days within the reference, not one a minute later", () => {
    expect(shareWithin(histogram([119.99]), 5)).toBe(1);
    expect(shareWithin(histogram([120]), 5)).toBe(0);
    expect(shareWithin(new Map(), 5)).toBeNull();
  });

  it("interpolate quantiles inside the bar that holds them", () => {
    const h = histogram([24, 48, 108, 240, 864]);
    expect(quantileDays(h, 0.5)).toBeCloseTo(108.5 / 24, 10);
    expect(quantileDays(h, 0.9)).toBeCloseTo(36.5, 10);
    expect(quantileDays(new Map(), 0.5)).toBeNull();
  });

  it("group decisions per day, the last bar open", () => {
    expect(perDay(histogram([1, 23, 24, 2000]), 3)).toEqual([2, 1, 0, 1]);
  });
});

describe("endings", () => {
  it("name how a closed application ended", () => {
    expect(endingOf("GRANTED", "PARTIAL_25")).toBe("PARTIAL_25");
    expect(endingOf("GRANTED", null)).toBe("FULL");
    expect(endingOf("REJECTED", "INELIGIBLE")).toBe("REJECTED");
    expect(endingOf("LAPSED", null)).toBe("LAPSED");
    expect(endingOf("IN_REVIEW", null)).toBeNull();
  });
});

describe("days in France", () => {
  it("start at midnight in France, winter and summer time", () => {
    expect(parisMidnight("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(parisMidnight("2026-07-15").toISOString()).toBe("2026-07-14T22:00:00.000Z");
    // The nights of the changes (29 March and 25 October 2026).
    expect(parisMidnight("2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(parisMidnight("2026-03-30").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(parisMidnight("2026-10-25").toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(parisMidnight("2026-10-26").toISOString()).toBe("2026-10-25T23:00:00.000Z");
  });

  it("say retention periods in words", () => {
    expect([62, 12, 24, 3, 0].map(monthsInWords)).toEqual([
      "5 ans et 2 mois",
      "1 an",
      "2 ans",
      "3 mois",
      "0 mois",
    ]);
  });

  it("add days and find Mondays", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(mondayOf("2026-11-25")).toBe("2026-11-23");
    expect(mondayOf("2026-11-23")).toBe("2026-11-23");
    expect(mondayOf("2026-11-29")).toBe("2026-11-23");
  });

  it("bound the period: never after today, the days in order, at most 800 days", () => {
    const now = new Date("2026-11-25T10:00:00Z");
    const parse = (params: Record<string, string>) =>
      parseStatisticsQuery(new URLSearchParams(params), now);
    expect(parse({ du: "2026-12-01", au: "2027-01-01" })).toEqual({
      du: "2026-11-25",
      au: "2026-11-25",
    });
    expect(parse({ du: "2026-06-01", au: "2026-05-01" })).toEqual({
      du: "2026-05-01",
      au: "2026-06-01",
    });
    expect(parse({ du: "2020-01-01" }).du).toBe(addDays("2026-11-25", -799));
  });
});

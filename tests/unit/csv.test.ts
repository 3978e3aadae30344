/**
 * CSV cells as French spreadsheets read them (app/server/csv.server.ts): dates are France's days,
 * including around midnight and the changes of time, however many times a day is written.
 */
import { describe, expect, it } from "vitest";
import { csvLine } from "~/server/csv.server";

describe("CSV cells", () => {
  it("writes an instant as its day in Paris, the same day every time", () => {
    const cases: [string, string][] = [
      ["2026-02-04T22:59:59.999Z", "04/02/2026"], // 23:59 in Paris (UTC+1)
      ["2026-02-04T23:00:00.000Z", "05/02/2026"], // midnight in Paris
      ["2026-02-04T23:30:00.000Z", "05/02/2026"],
      ["2026-07-14T21:59:00.000Z", "14/07/2026"], // 23:59 in Paris (UTC+2)
      ["2026-07-14T22:00:00.000Z", "15/07/2026"],
      ["2026-03-29T00:30:00.000Z", "29/03/2026"], // the night clocks go forward
      ["2026-10-24T22:30:00.000Z", "25/10/2026"], // the night clocks go back
    ];
    for (let pass = 0; pass < 2; pass++) {
      for (const [instant, day] of cases) expect(csvLine([new Date(instant)])).toBe(`${day}\r\n`);
    }
  });

  it("quotes what would break a line or run as a formula", () => {
    expect(csvLine(['DE LA "FONTAINE"; FILS', "=1+1", "-2", 3.5, null, "Lyon"])).toBe(
      `"DE LA ""FONTAINE""; FILS";"'=1+1";"'-2";3,5;;Lyon\r\n`,
    );
  });
});

/**
 * CSV that French spreadsheets open as they should: UTF-8 with a byte-order mark, `;` between
 * fields, decimal commas, dates as dd/mm/yyyy (France's time), CRLF line ends. Text cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) are quoted after a
 * leading apostrophe (CSV injection).
 */
export const BOM = "\uFEFF";

export type Cell = string | number | Date | null | undefined;

const DECIMAL = new Intl.NumberFormat("fr-FR", { useGrouping: false, maximumFractionDigits: 2 });
const DAY = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

/**
 * Days already written, by UTC hour: France's offsets are whole hours, so an hour falls on one day
 * in Paris, and an export of 100,000 rows formats a few hundred dates instead of 200,000.
 */
const days = new Map<number, string>();

function day(value: Date): string {
  const hour = Math.floor(value.getTime() / 3_600_000);
  let text = days.get(hour);
  if (text === undefined) {
    if (days.size >= 50_000) days.clear();
    text = DAY.format(value);
    days.set(hour, text);
  }
  return text;
}

function cell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return DECIMAL.format(value);
  if (value instanceof Date) return day(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(text) || text !== value ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly Cell[]): string {
  return `${values.map(cell).join(";")}\r\n`;
}

/** A whole (small) CSV document. */
export function csvDocument(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return BOM + csvLine(header) + rows.map(csvLine).join("");
}

export function csvHeaders(filename: string): HeadersInit {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "private, no-store",
  };
}

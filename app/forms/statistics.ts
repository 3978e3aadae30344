/**
 * The statistics page's URL: period and court. What does not parse falls back to the default (the
 * last twelve weeks, every court of the agent), never an error.
 */
import { z } from "zod";
import { addDays, todayInFrance } from "~/domain/french";
import { isoDay, lenient } from "./fields";
import { defineSchema } from "./plain";

/** The longest period shown at once (a little over two years). */
export const MAX_PERIOD_DAYS = 800;

const schema = /* @__PURE__ */ defineSchema(() =>
  z.object({
    du: lenient(isoDay),
    au: lenient(isoDay),
    tribunal: lenient(z.uuid()),
  }),
);

export type StatisticsQuery = { du: string; au: string; tribunal?: string };

/** The Monday of the week of `day` ("YYYY-MM-DD"). */
export function mondayOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** Days from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

export function parseStatisticsQuery(params: URLSearchParams, now = new Date()): StatisticsQuery {
  const parsed = schema.parse(Object.fromEntries(params));
  const today = todayInFrance(now);
  const notAfterToday = (day: string) => (day <= today ? day : today);
  let au = notAfterToday(parsed.au ?? today);
  let du = parsed.du ? notAfterToday(parsed.du) : mondayOf(addDays(au, -7 * 11));
  if (du > au) [du, au] = [au, du];
  if (daysBetween(du, au) > MAX_PERIOD_DAYS) du = addDays(au, -(MAX_PERIOD_DAYS - 1));
  return { du, au, ...(parsed.tribunal ? { tribunal: parsed.tribunal } : {}) };
}

/**
 * Periodic jobs in the server's own process (docs/decisions/018): the audit trail's checkpoints and
 * daily verification, the reply deadlines, the retention. Each run is claimed by inserting its
 * (job, period) row in `job_run`: with several instances, the first one to insert runs it and the
 * others skip it. A crash leaves the row unfinished; the next period runs again.
 */

import { todayInFrance } from "~/domain/french";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { log } from "./log.server";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export type Schedule =
  /** Every so many minutes (periods counted from the epoch, the same for every instance). */
  | { everyMinutes: number }
  /** Once a day (France's date), not before this hour in France. */
  | { dailyAfterHour: number }
  /** At every tick of every instance, unrecorded: for work that claims its own items (leases). */
  | { everyTick: true };

export type Job = {
  name: string;
  schedule: Schedule;
  run: (now: Date) => Promise<{ [key: string]: Json }>;
};

const HOUR = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  hour: "numeric",
  hourCycle: "h23",
});

/** The period a run at `now` belongs to, or null when a daily job's hour has not come yet. */
export function periodOf(schedule: Schedule, now: Date): string | null {
  if ("everyTick" in schedule) return "tick";
  if ("everyMinutes" in schedule) {
    const start =
      Math.floor(now.getTime() / (schedule.everyMinutes * 60_000)) * schedule.everyMinutes * 60_000;
    return new Date(start).toISOString();
  }
  if (Number(HOUR.format(now)) < schedule.dailyAfterHour) return null;
  return todayInFrance(now);
}

export type RunOutcome = "ran" | "skipped" | "failed" | "not-yet";

/** Runs the job for the period of `now`, unless an instance already did (or is doing) it. */
export async function runJobOnce(
  prisma: PrismaClient,
  job: Job,
  now = new Date(),
): Promise<RunOutcome> {
  const period = periodOf(job.schedule, now);
  if (!period) return "not-yet";
  if ("everyTick" in job.schedule) {
    await job.run(now);
    return "ran";
  }
  const { count } = await prisma.jobRun.createMany({
    data: [{ name: job.name, period, startedAt: now }],
    skipDuplicates: true,
  });
  if (count === 0) return "skipped";
  try {
    const result = await job.run(now);
    await prisma.jobRun.update({
      where: { name_period: { name: job.name, period } },
      data: { finishedAt: new Date(), result: result as Prisma.InputJsonValue },
    });
    return "ran";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log().error({ job: job.name, period, err: error }, "tâche en échec");
    await prisma.jobRun.update({
      where: { name_period: { name: job.name, period } },
      data: { finishedAt: new Date(), result: { error: message.slice(0, 500) } },
    });
    return "failed";
  }
}

/** The last finished run of a job (for the pages that show it). */
export function lastRun(prisma: PrismaClient, name: string) {
  return prisma.jobRun.findFirst({
    where: { name, finishedAt: { not: null } },
    orderBy: { startedAt: "desc" },
  });
}

/** Looks for due jobs every `tickMs` (and at once); `stop` waits for a run in progress. */
export function startJobs(prisma: PrismaClient, jobs: Job[], options: { tickMs?: number } = {}) {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = (async () => {
      for (const job of jobs) {
        await runJobOnce(prisma, job).catch((error) =>
          log().error({ job: job.name, err: error }, "tâche impossible à lancer"),
        );
      }
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(tick, options.tickMs ?? 60_000);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

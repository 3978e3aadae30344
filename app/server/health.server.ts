import type { PrismaClient } from "~/generated/prisma/client";

export type Health = { status: "ok" | "error"; db: "ok" | "unreachable" };

const DB_TIMEOUT_MS = 2_000;

/** Is the database answering? Bounded in time, so that a hung database answers "unreachable". */
export async function checkHealth(prisma: PrismaClient): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), DB_TIMEOUT_MS);
  });
  try {
    await Promise.race([prisma.$queryRaw`SELECT 1`, timeout]);
    return { status: "ok", db: "ok" };
  } catch {
    return { status: "error", db: "unreachable" };
  } finally {
    clearTimeout(timer);
  }
}

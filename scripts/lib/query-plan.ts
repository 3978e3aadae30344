/**
 * The plan PostgreSQL chooses for a statement built with Prisma.sql (EXPLAIN … FORMAT JSON), and its
 * nodes depth first: what the queue's plans test checks and what the benchmark reports.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

export type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Filter?: string;
  Plans?: PlanNode[];
};

/** EXPLAIN's answer; the times only with `analyze`. */
export type Explained = { Plan: PlanNode; "Planning Time"?: number; "Execution Time"?: number };

/** The plan's nodes, depth first. */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/** The statement's plan; with `analyze`, the statement runs and the plan says what it did. */
export async function explain(
  prisma: PrismaClient,
  sql: Prisma.Sql,
  options: { analyze?: boolean } = {},
): Promise<Explained> {
  const [row] = await prisma.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(
    `EXPLAIN (${options.analyze ? "ANALYZE, BUFFERS, " : ""}FORMAT JSON) ${sql.text}`,
    ...sql.values,
  );
  const value = row?.["QUERY PLAN"];
  const [explained] = (typeof value === "string" ? JSON.parse(value) : value) as Explained[];
  if (!explained?.Plan) throw new Error(`No plan: ${JSON.stringify(value)}`);
  return explained;
}

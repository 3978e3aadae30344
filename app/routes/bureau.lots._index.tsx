import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { can } from "~/domain/agent/permissions";
import { defineSchema } from "~/forms/plain";
import { parseQueueQuery, TABS } from "~/forms/queue";
import {
  BATCH_KINDS,
  createBatch,
  MAX_BATCH,
  processBatch,
  type Selection,
  selectionOf,
} from "~/server/agent/batches.server";
import { requireAgent } from "~/server/agent/require-agent.server";
import { prisma } from "~/server/db.server";
import { log } from "~/server/log.server";
import { getNotifications } from "~/server/services.server";
import { AgentPage } from "~/ui/agent/AgentPage";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Action groupée") }];

const kindSchema = /* @__PURE__ */ defineSchema(() => z.enum(["SIGN", "TAKE"]));
const itemSchema = /* @__PURE__ */ defineSchema(() =>
  z
    .string()
    .max(100)
    .regex(/^[0-9a-f-]{36}:\d{1,9}$/)
    .transform((value) => {
      const [applicationId, version] = value.split(":");
      return { applicationId: applicationId ?? "", version: Number(version) };
    }),
);

/** Confirmation of « all that match the filters », with their number. */
export async function loader({ request }: LoaderFunctionArgs) {
  const agent = await requireAgent(request);
  const params = new URL(request.url).searchParams;
  const kind = kindSchema.safeParse(params.get("type"));
  if (!kind.success) throw new Response("Action inconnue", { status: 404 });
  const spec = BATCH_KINDS[kind.data];
  if (!can(agent.role, spec.permission)) throw new Response("Accès refusé", { status: 403 });
  const query = parseQueueQuery(params);
  const selection = await selectionOf(prisma(), agent, kind.data, query);
  const back = new URLSearchParams(params);
  back.delete("type");
  back.set("onglet", spec.tab);
  return {
    kind: kind.data,
    count: selection.length,
    capped: selection.length >= MAX_BATCH,
    // Read by the page in the browser too, where a .server module is empty (decision 045).
    max: MAX_BATCH,
    changed: params.get("change") === "1",
    tab: TABS[spec.tab].label,
    back: `/bureau?${back}`,
    filters: [...params.entries()].filter(([key]) => key !== "type" && key !== "apres"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const agent = await requireAgent(request);
  const form = await request.formData();
  const kind = kindSchema.safeParse(form.get("type"));
  if (!kind.success) throw new Response("Action inconnue", { status: 400 });
  const db = prisma();
  let selection: Selection;
  if (form.get("tout") === "1") {
    const params = new URLSearchParams();
    for (const [key, value] of form.entries()) {
      if (typeof value === "string" && !["type", "tout", "nombre"].includes(key)) {
        params.append(key, value);
      }
    }
    selection = await selectionOf(db, agent, kind.data, parseQueueQuery(params));
    // What is signed is what was counted: if the set changed since the confirmation page, ask again.
    if (selection.length !== Number(form.get("nombre"))) {
      params.set("type", kind.data);
      params.set("change", "1");
      return redirect(`/bureau/lots?${params}`);
    }
  } else {
    // Signing a selection has legal effect: confirmed by its box (RGAA 11.12; the whole set is
    // confirmed on this route's page).
    if (kind.data === "SIGN" && form.get("confirme") !== "oui") {
      return redirect(`/bureau?onglet=${BATCH_KINDS.SIGN.tab}&lot=non-confirme`);
    }
    const items = z.array(itemSchema).max(1000).safeParse(form.getAll("demande"));
    if (!items.success) throw new Response("Sélection invalide", { status: 400 });
    selection = items.data;
  }
  const created = await createBatch(db, agent, kind.data, selection);
  if (!created.ok) {
    if (selection.length > 0) throw new Response(created.message, { status: 403 });
    // Nothing ticked: back to the same tab, which says so.
    return redirect(`/bureau?onglet=${BATCH_KINDS[kind.data].tab}&lot=vide`);
  }
  // Worked in the background; the next page follows it (and survives a reload).
  processBatch(db, created.batchId, { afterItem: () => void getNotifications().kick() }).catch(
    (error) => log().error({ batchId: created.batchId, err: error }, "lot interrompu"),
  );
  return redirect(`/bureau/lots/${created.batchId}`);
}

export default function ConfirmBatch() {
  const { kind, count, capped, max, changed, tab, back, filters } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const verb = BATCH_KIND_LABELS[kind];
  return (
    <AgentPage
      title={`${verb} : confirmation`}
      segments={[{ label: "File des demandes", to: back }]}
    >
      {count === 0 ? (
        <Alert
          severity="info"
          small
          description={`Aucune demande ne correspond à ces filtres dans l'onglet « ${tab} ».`}
        />
      ) : (
        <Form method="post">
          {changed ? (
            <div role="alert" className="fr-mb-3w">
              <Alert
                severity="warning"
                small
                description="Les demandes correspondant aux filtres ont changé depuis l'affichage de cette page : vérifiez le nouveau nombre avant de confirmer."
              />
            </div>
          ) : null}
          {capped ? (
            <p>
              Un lot compte au plus {max.toLocaleString("fr-FR")} demandes : les plus anciennes sont
              retenues. Relancez l'action ensuite pour les suivantes.
            </p>
          ) : null}
          <p className="fr-text--lead">
            {kind === "SIGN"
              ? `Vous allez signer ${count.toLocaleString("fr-FR")} décision${count > 1 ? "s" : ""} proposée${count > 1 ? "s" : ""} (onglet « ${tab} », avec les filtres choisis).`
              : `Vous allez prendre en charge ${count.toLocaleString("fr-FR")} demande${count > 1 ? "s" : ""} (onglet « ${tab} », avec les filtres choisis).`}
          </p>
          <p>
            Chaque demande passe par la même action qu'une à une (journal, lettre de décision,
            courriel au demandeur). Celles qui ont changé entre-temps sont écartées et listées avec
            la raison.
          </p>
          <input type="hidden" name="type" value={kind} />
          <input type="hidden" name="tout" value="1" />
          <input type="hidden" name="nombre" value={count} />
          {filters.map(([key, value]) => (
            <input key={key} type="hidden" name={key} value={value} />
          ))}
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            <li>
              <Button type="submit" disabled={busy}>
                {busy
                  ? "Préparation du lot…"
                  : count === 1
                    ? `${verb} cette demande`
                    : `${verb} ces ${count.toLocaleString("fr-FR")} demandes`}
              </Button>
            </li>
            <li>
              <Link className="fr-btn fr-btn--secondary" to={back}>
                Annuler
              </Link>
            </li>
          </ul>
        </Form>
      )}
    </AgentPage>
  );
}

const BATCH_KIND_LABELS = { SIGN: "Signer", TAKE: "Prendre en charge" } as const;

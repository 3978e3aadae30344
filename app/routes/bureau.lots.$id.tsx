import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { BATCH_KINDS, batchProgress } from "~/server/agent/batches.server";
import { requireAgent } from "~/server/agent/require-agent.server";
import { prisma } from "~/server/db.server";
import { AgentPage } from "~/ui/agent/AgentPage";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Action groupée") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const agent = await requireAgent(request);
  const id = z.uuid().safeParse(params.id);
  const progress = id.success ? await batchProgress(prisma(), agent, id.data) : null;
  if (!progress) throw new Response("Lot introuvable", { status: 404 });
  const spec = BATCH_KINDS[progress.kind];
  return { ...progress, verb: spec.verb, done: spec.done, tab: spec.tab };
}

const NUMBER = new Intl.NumberFormat("fr-FR");

export default function BatchProgress() {
  const batch = useLoaderData<typeof loader>();
  const { revalidate, state } = useRevalidator();
  // While it runs, ask again every second (the page also works without JavaScript: reload it).
  useEffect(() => {
    if (batch.finished) return;
    const timer = setTimeout(() => {
      if (state === "idle") revalidate();
    }, 1000);
    return () => clearTimeout(timer);
  }, [batch, state, revalidate]);
  const processed = batch.DONE + batch.SKIPPED;
  const noun = batch.kind === "SIGN" ? "décision" : "demande";
  const title = batch.kind === "SIGN" ? "Signature groupée" : "Prise en charge groupée";
  return (
    <AgentPage
      title={title}
      segments={[{ label: "File des demandes", to: `/bureau?onglet=${batch.tab}` }]}
    >
      {/* Announced once, when it ends; the progress itself is not read out every second. */}
      <div aria-live="polite">
        {batch.finished ? (
          <Alert
            className="fr-mb-3w"
            severity={batch.SKIPPED ? "warning" : "success"}
            small
            description={`Terminé : ${NUMBER.format(batch.DONE)} ${noun}${batch.DONE > 1 ? "s" : ""} ${batch.done}${batch.DONE > 1 ? "s" : ""}${batch.SKIPPED ? `, ${NUMBER.format(batch.SKIPPED)} écartée${batch.SKIPPED > 1 ? "s" : ""} (voir ci-dessous)` : ""}.`}
          />
        ) : null}
      </div>
      {batch.finished ? null : (
        <p>
          En cours : {NUMBER.format(processed)} sur {NUMBER.format(batch.total)}. Vous pouvez
          quitter cette page : le lot continue, et cette page en montre l'avancement quand vous y
          revenez.
        </p>
      )}
      <p>
        <label htmlFor="avancement">Avancement</label>
        <br />
        <progress id="avancement" max={batch.total} value={processed} style={{ width: "100%" }}>
          {Math.round((100 * processed) / Math.max(1, batch.total))} %
        </progress>
      </p>
      <ul>
        <li>Traitées : {NUMBER.format(batch.DONE)}</li>
        <li>Écartées : {NUMBER.format(batch.SKIPPED)}</li>
        <li>Restantes : {NUMBER.format(batch.PENDING)}</li>
      </ul>
      {batch.skipped.length ? (
        <>
          <h2>Demandes écartées</h2>
          {batch.SKIPPED > batch.skipped.length ? (
            <p>
              Les {batch.skipped.length} premières sur {NUMBER.format(batch.SKIPPED)} :
            </p>
          ) : null}
          <ul>
            {batch.skipped.map((item) => (
              <li key={item.applicationId}>
                <Link to={`/bureau/demandes/${item.applicationId}`}>{item.reference}</Link> :{" "}
                {item.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link className="fr-link" to={`/bureau?onglet=${batch.tab}`}>
          Retour à la file
        </Link>
      </p>
    </AgentPage>
  );
}

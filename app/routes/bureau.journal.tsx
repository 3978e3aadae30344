import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { timeInFrance } from "~/domain/french";
import { defineSchema } from "~/forms/plain";
import { applicationTrail, journalState, verifyNow } from "~/server/agent/journal.server";
import { requireAgent } from "~/server/agent/require-agent.server";
import { prisma } from "~/server/db.server";
import { AgentPage } from "~/ui/agent/AgentPage";
import { ScrollableTable } from "~/ui/ScrollableTable";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Journal d'audit") }];

const referenceSchema = /* @__PURE__ */ defineSchema(() =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^AJ-\d{4}-\d{6,}$/),
);

export async function loader({ request }: LoaderFunctionArgs) {
  const agent = await requireAgent(request, "audit");
  const db = prisma();
  const asked = new URL(request.url).searchParams.get("reference") ?? "";
  const reference = referenceSchema.safeParse(asked);
  const [state, trail] = await Promise.all([
    journalState(db),
    reference.success ? applicationTrail(db, agent, reference.data) : null,
  ]);
  return {
    state,
    asked: asked.slice(0, 40),
    trail,
    notFound: asked !== "" && !trail,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const agent = await requireAgent(request, "audit");
  return verifyNow(prisma(), agent);
}

const NUMBER = new Intl.NumberFormat("fr-FR");

type Verification = ReturnType<typeof useLoaderData<typeof loader>>["state"]["verification"];

function verificationText(verification: Verification): string {
  if (!verification) return "aucune pour l'instant";
  const at = `${timeInFrance(verification.at)}${verification.manual ? " (à la demande)" : ""}`;
  const result = verification.result;
  if (!result || "error" in result) return `${at} — en échec`;
  return result.valid
    ? `${at} — intègre, ${NUMBER.format(result.events)} événements`
    : `${at} — altéré à l'événement n° ${result.problemSequence} : ${result.problem}`;
}

export default function Journal() {
  const { state, asked, trail, notFound } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <AgentPage title="Journal d'audit" segments={[{ label: "File des demandes", to: "/bureau" }]}>
      <p>
        Chaque action sur une demande est inscrite dans un journal chaîné : chaque événement porte
        l'empreinte du précédent, et la tête de la chaîne est régulièrement signée (point de
        contrôle). Toute modification, suppression, insertion ou troncature se voit à la
        vérification. Le journal ne contient que des identifiants, aucune donnée personnelle.
      </p>
      <div aria-live="polite">
        {done?.busy ? (
          <Alert
            className="fr-mb-3w"
            severity="info"
            small
            description="Une vérification est déjà en cours : elle lit tout le journal, une seule à la fois. Son résultat s'affichera dans « Dernière vérification » : rechargez la page dans quelques minutes."
          />
        ) : done ? (
          <Alert
            className="fr-mb-3w"
            severity={done.verified.valid ? "success" : "error"}
            small
            description={
              done.verified.valid
                ? `Vérification terminée : le journal est intègre (${NUMBER.format(done.verified.events)} événements).`
                : `Vérification terminée : le journal a été altéré — événement n° ${done.verified.problemSequence} : ${done.verified.problem}.`
            }
          />
        ) : null}
      </div>
      <h2>État de la chaîne</h2>
      <ul>
        <li>Dernière vérification : {verificationText(state.verification)}</li>
        <li>
          Dernier point de contrôle signé :{" "}
          {state.checkpoint
            ? `événement n° ${state.checkpoint.sequence}, le ${timeInFrance(state.checkpoint.signedAt)} (${NUMBER.format(state.checkpoints)} au total)`
            : "aucun pour l'instant"}
        </li>
        <li>
          Dernier événement :{" "}
          {state.head ? `n° ${state.head.sequence}, le ${timeInFrance(state.head.at)}` : "aucun"}
        </li>
        <li>
          Clé de signature : <code>{state.keyId}</code>
        </li>
      </ul>
      <div className="fr-btns-group fr-btns-group--inline-md fr-mb-5w">
        <Form method="post">
          <Button type="submit" disabled={busy}>
            {busy ? "Vérification en cours…" : "Vérifier le journal maintenant"}
          </Button>
        </Form>
        <a className="fr-btn fr-btn--secondary" href="/bureau/journal.json" download>
          Télécharger les points de contrôle signés (JSON)
        </a>
      </div>

      <h2>Historique d'une demande</h2>
      <Form method="get" className="fr-grid-row fr-grid-row--bottom fr-grid-row--gutters fr-mb-3w">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Référence de la demande"
            hintText="Par exemple AJ-2026-000001"
            state={notFound ? "error" : "default"}
            stateRelatedMessage={
              notFound ? "Aucune demande de vos tribunaux ne porte cette référence." : undefined
            }
            nativeInputProps={{ name: "reference", defaultValue: asked, autoComplete: "off" }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Button type="submit" priority="secondary" className="fr-mb-3v">
            Afficher l'historique
          </Button>
        </div>
      </Form>
      {trail ? (
        <ScrollableTable label={`Historique de la demande ${trail.reference}`}>
          <table>
            <caption>Historique de la demande {trail.reference}</caption>
            <thead>
              <tr>
                <th scope="col">N°</th>
                <th scope="col">Date</th>
                <th scope="col">Événement</th>
                <th scope="col">Par</th>
                <th scope="col">Empreinte</th>
              </tr>
            </thead>
            <tbody>
              {trail.entries.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">{entry.id}</th>
                  <td>{timeInFrance(entry.at)}</td>
                  <td>
                    {entry.label}
                    {entry.detail ? ` (${entry.detail})` : null}
                  </td>
                  <td>{entry.who}</td>
                  <td>
                    <code title={entry.hash}>{entry.hash.slice(0, 12)}…</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      ) : null}
    </AgentPage>
  );
}

import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ASSIGNABLE_ROLES, ROLE_LABELS } from "~/domain/agent/permissions";
import { timeInFrance } from "~/domain/french";
import { entryOf } from "~/forms/plain";
import { courtsOf } from "~/server/agent/courts.server";
import { requireAgent } from "~/server/agent/require-agent.server";
import {
  addAgent,
  changeRole,
  isShared,
  listStaff,
  removeFromCourts,
  setActive,
} from "~/server/agent/staff.server";
import { prisma } from "~/server/db.server";
import { AgentPage } from "~/ui/agent/AgentPage";
import { ScrollableTable } from "~/ui/ScrollableTable";
import { pageTitle } from "~/ui/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Agents du bureau") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const president = await requireAgent(request, "manageAgents");
  const db = prisma();
  const [staff, courts] = await Promise.all([listStaff(db, president), courtsOf(db, president)]);
  return {
    me: president.id,
    courts: courts.map((court) => ({ id: court.id, city: court.city })),
    staff: staff.map((agent) => ({
      id: agent.id,
      name: `${agent.givenName} ${agent.usualName}`,
      email: agent.email,
      role: agent.role,
      active: agent.active,
      courts: agent.courts.map((link) => link.court.city).join(", "),
      // Also serves another bureau: one role and one account for all their courts.
      shared: isShared(agent, president),
      // The courts of the président's that the agent serves: what « Retirer » takes them off.
      ownCourts: agent.courts
        .filter((link) => president.courtIds.includes(link.courtId))
        .map((link) => link.court.city)
        .join(", "),
      lastLogin: agent.lastLoginAt ? timeInFrance(agent.lastLoginAt, "short") : "Jamais",
    })),
  };
}

const DONE: Record<string, string> = {
  add: "L'agent a été ajouté : il pourra se connecter avec ProConnect et cette adresse.",
  role: "Le rôle a été modifié.",
  deactivate: "L'agent est désactivé : ses sessions ont pris fin.",
  reactivate: "L'agent est réactivé.",
  remove: "L'agent est retiré de votre bureau : il garde l'accès aux autres tribunaux qu'il sert.",
};

export async function action({ request }: ActionFunctionArgs) {
  const president = await requireAgent(request, "manageAgents");
  const form = Object.fromEntries(await request.formData());
  const db = prisma();
  const intent = String(form.intent ?? "");
  const result =
    intent === "add"
      ? await addAgent(db, president.id, form)
      : intent === "role"
        ? await changeRole(db, president.id, form)
        : intent === "deactivate" || intent === "reactivate"
          ? await setActive(db, president.id, form, intent === "reactivate")
          : intent === "remove"
            ? await removeFromCourts(db, president.id, form)
            : null;
  if (!result) return data({ intent, message: "Action inconnue.", errors: {}, values: {} }, 400);
  if (result.ok) return redirect(`/bureau/agents?fait=${intent}`);
  return data(
    {
      intent,
      message: result.message,
      errors: result.errors,
      values: form as Record<string, string>,
    },
    { status: 422 },
  );
}

export default function Staff() {
  const { me, courts, staff } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = entryOf(DONE, params.get("fait"));
  const adding = result?.intent === "add" ? result : null;
  const error = (field: string) =>
    adding?.errors && field in adding.errors
      ? {
          state: "error" as const,
          stateRelatedMessage: (adding.errors as Record<string, string>)[field],
        }
      : {};
  const value = (field: string) =>
    (adding?.values as Record<string, string> | undefined)?.[field] ?? "";
  return (
    <AgentPage title="Agents du bureau" segments={[{ label: "File des demandes", to: "/bureau" }]}>
      {done ? <Alert className="fr-mb-3w" severity="success" small description={done} /> : null}
      {result?.message ? (
        <div role="alert" className="fr-mb-3w">
          <Alert severity="error" small description={result.message} />
        </div>
      ) : null}
      {/* The title as a heading, the caption for assistive technologies only: the DSFR's script
          moves a visible caption once it runs, which shifted the whole table (CLS 0.21). */}
      <h2 className="fr-h4">Agents de {courts.map((court) => court.city).join(", ")}</h2>
      <ScrollableTable
        label={`Agents de ${courts.map((court) => court.city).join(", ")}`}
        className="fr-table--bordered fr-table--no-caption"
      >
        <table>
          <caption>Agents de {courts.map((court) => court.city).join(", ")}</caption>
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Rôle</th>
              <th scope="col">Tribunaux</th>
              <th scope="col">Dernière connexion</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((agent) => (
              <tr key={agent.id}>
                <td>
                  {agent.name}
                  <br />
                  <span className="fr-text--sm">{agent.email}</span>
                  {agent.active ? null : (
                    <>
                      <br />
                      <span className="fr-badge fr-badge--sm fr-badge--no-icon">Désactivé</span>
                    </>
                  )}
                </td>
                <td>{ROLE_LABELS[agent.role]}</td>
                <td>{agent.courts}</td>
                <td>{agent.lastLogin}</td>
                <td>
                  {agent.id === me || agent.role === "NATIONAL_READER" ? (
                    "—"
                  ) : agent.shared ? (
                    <>
                      <p className="fr-text--sm fr-mb-1w">
                        Sert aussi un autre bureau : seul un président de tous ses tribunaux change
                        son rôle ou le désactive.
                      </p>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="agentId" value={agent.id} />
                        <Button type="submit" size="small" priority="tertiary">
                          {`Retirer ${agent.name} de ${agent.ownCourts}`}
                        </Button>
                      </Form>
                    </>
                  ) : (
                    <>
                      <Form method="post" className="fr-mb-1w">
                        <input type="hidden" name="intent" value="role" />
                        <input type="hidden" name="agentId" value={agent.id} />
                        <Select
                          label={`Rôle de ${agent.name}`}
                          nativeSelectProps={{ name: "role", defaultValue: agent.role }}
                        >
                          {ASSIGNABLE_ROLES.map((role) => (
                            <option key={role} value={role}>
                              {ROLE_LABELS[role]}
                            </option>
                          ))}
                        </Select>
                        <Button type="submit" size="small" priority="secondary">
                          Changer le rôle
                        </Button>
                      </Form>
                      <Form method="post">
                        <input
                          type="hidden"
                          name="intent"
                          value={agent.active ? "deactivate" : "reactivate"}
                        />
                        <input type="hidden" name="agentId" value={agent.id} />
                        <Button type="submit" size="small" priority="tertiary">
                          {agent.active ? `Désactiver ${agent.name}` : `Réactiver ${agent.name}`}
                        </Button>
                      </Form>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollableTable>
      <h2 className="fr-h4">Ajouter un agent</h2>
      <Form method="post" noValidate className="fr-col-md-8">
        <input type="hidden" name="intent" value="add" />
        <Input
          label="Adresse électronique professionnelle"
          hintText="Celle de son compte ProConnect : sa première connexion y sera rattachée."
          {...error("email")}
          nativeInputProps={{
            name: "email",
            type: "email",
            autoComplete: "off",
            defaultValue: value("email"),
          }}
        />
        <Input
          label="Prénom"
          {...error("givenName")}
          nativeInputProps={{ name: "givenName", defaultValue: value("givenName") }}
        />
        <Input
          label="Nom"
          {...error("usualName")}
          nativeInputProps={{ name: "usualName", defaultValue: value("usualName") }}
        />
        <Select
          label="Rôle"
          {...error("role")}
          nativeSelectProps={{ name: "role", defaultValue: value("role") || "INSTRUCTEUR" }}
        >
          {ASSIGNABLE_ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </Select>
        <Select
          label="Tribunal"
          {...error("courtId")}
          nativeSelectProps={{ name: "courtId", defaultValue: value("courtId") || courts[0]?.id }}
        >
          {courts.map((court) => (
            <option key={court.id} value={court.id}>
              {court.city}
            </option>
          ))}
        </Select>
        <Button type="submit">Ajouter l'agent</Button>
      </Form>
    </AgentPage>
  );
}

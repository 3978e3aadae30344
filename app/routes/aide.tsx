import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getCitizen } from "~/server/auth/citizen-session.server";
import { helpContacts } from "~/server/courts.server";
import { prisma } from "~/server/db.server";
import { ContentPage } from "~/ui/ContentPage";
import { DescriptionList } from "~/ui/DescriptionList";
import { GLOSSARY } from "~/ui/glossary";
import { PAGES, pageTitle } from "~/ui/site";

export const meta: MetaFunction = () => [{ title: pageTitle(PAGES.help.title) }];

/** The national directory of public services: courts, points-justice, France services. */
const DIRECTORY = "https://lannuaire.service-public.fr/";

export async function loader({ request }: LoaderFunctionArgs) {
  const citizen = await getCitizen(request);
  const chosen = new URL(request.url).searchParams.get("tribunal");
  return helpContacts(prisma(), citizen?.id ?? null, chosen);
}

export default function Help() {
  const { courts, chosen, contacts } = useLoaderData<typeof loader>();
  return (
    <ContentPage title={PAGES.help.title}>
      <p className="fr-text--lead">
        Une question sur votre demande d'aide juridictionnelle ? Voici comment joindre une personne,
        et les réponses aux questions les plus fréquentes.
      </p>

      <h2 id="bureau">Joindre le bureau d'aide juridictionnelle</h2>
      <p>
        Le bureau d'aide juridictionnelle est le service du tribunal qui examine votre demande et
        décide.
      </p>
      {contacts.map((court) => (
        <div key={court.id} className="fr-mb-3w">
          <h3 className="fr-h6">{court.bajName}</h3>
          <DescriptionList rows={court.rows} />
          {court.applications.length ? (
            <ul>
              {court.applications.map((app) => (
                <li key={app.id}>
                  {app.closed ? (
                    <>
                      Demande {app.reference} : elle est close, vous ne pouvez plus écrire au bureau
                      depuis votre espace. Contactez-le avec les coordonnées ci-dessus, en rappelant
                      la référence.
                    </>
                  ) : (
                    <>
                      Demande {app.reference} :{" "}
                      <Link to={`/mes-demandes/${app.id}#messages`}>écrire au bureau</Link> depuis
                      votre espace (réponse dans votre espace et par courriel).
                    </>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
      <Form method="get" className="fr-mb-4w">
        <Select
          label={contacts.length ? "Un autre tribunal" : "Votre tribunal"}
          hint="Choisissez le tribunal judiciaire qui traite ou traitera votre affaire."
          nativeSelectProps={{ name: "tribunal", defaultValue: chosen ?? "" }}
        >
          <option value="" disabled>
            Sélectionnez un tribunal
          </option>
          {courts.map((court) => (
            <option key={court.id} value={court.id}>
              {court.label}
            </option>
          ))}
        </Select>
        <Button type="submit" priority="secondary">
          Voir ses coordonnées
        </Button>
      </Form>

      <h2 id="pres-de-chez-vous">Se faire aider près de chez vous, gratuitement</h2>
      <ul>
        <li>
          <strong>Points-justice</strong> : des juristes vous informent gratuitement sur vos droits
          et vous aident à remplir votre demande. Cherchez « point-justice » et votre commune dans{" "}
          <a href={DIRECTORY} target="_blank" rel="noopener noreferrer">
            l'annuaire de l'administration (nouvelle fenêtre)
          </a>
          .
        </li>
        <li>
          <strong>France services</strong> : des agents vous accompagnent dans vos démarches en
          ligne, y compris la connexion avec FranceConnect. Cherchez « France services » et votre
          commune dans le même annuaire.
        </li>
        <li>
          <strong>Par téléphone</strong> : Allô Service Public, au 39 39, répond à vos questions sur
          vos droits (service gratuit, prix d'un appel).
        </li>
      </ul>

      <h2 id="questions">Questions fréquentes</h2>
      <div className="fr-mb-4w">
        <h3 className="fr-h6 fr-mt-3w fr-mb-1w">Que prend en charge l'aide juridictionnelle ?</h3>
        <div>
          <p>
            L'État paie tout (aide totale) ou une partie (aide partielle, 55 % ou 25 %) des frais de
            votre procès : les honoraires de votre avocat, et ceux d'autres professionnels comme le
            commissaire de justice. Avec l'aide partielle, vous payez le reste à votre avocat ; il
            vous dit combien avant de commencer.
          </p>
        </div>
        <h3 className="fr-h6 fr-mt-3w fr-mb-1w">
          Combien de temps faut-il pour avoir une réponse ?
        </h3>
        <div>
          <p>
            Le délai dépend du bureau et du nombre de demandes qu'il reçoit. Vous suivez
            l'avancement dans « Mes demandes », et vous recevez un courriel à chaque étape. Si votre
            affaire est urgente (une audience proche, par exemple), dites-le dans votre demande ou
            écrivez au bureau.
          </p>
        </div>
        <h3 className="fr-h6 fr-mt-3w fr-mb-1w">Que se passe-t-il après le dépôt ?</h3>
        <div>
          <ol>
            <li>Le bureau enregistre votre demande et l'examine.</li>
            <li>
              S'il lui manque une information, il vous écrit dans votre espace. Répondez avant la
              date indiquée : sans réponse, la demande devient caduque (elle s'arrête).
            </li>
            <li>
              Il décide, et la décision est mise dans votre espace. Vous recevez un courriel pour
              vous le dire.
            </li>
          </ol>
        </div>
        <h3 id="contester" className="fr-h6 fr-mt-3w fr-mb-1w">
          Je ne suis pas d'accord avec la décision : que faire ?
        </h3>
        <div>
          <p>
            Vous avez 15 jours pour contester la décision (faire un <a href="#recours">recours</a>).
            Ils commencent le jour où elle est mise dans votre espace. Adressez-vous au bureau
            d'aide juridictionnelle qui a décidé : allez le lui dire, ou envoyez-lui une lettre
            recommandée avec accusé de réception. Expliquez pourquoi vous n'êtes pas d'accord. Un
            juge de la cour d'appel (le premier président) décidera. Sa décision est définitive.
          </p>
        </div>
        <h3 className="fr-h6 fr-mt-3w fr-mb-1w">FranceConnect ne fonctionne pas : que faire ?</h3>
        <div>
          <p>
            Réessayez dans quelques minutes, ou choisissez un autre compte dans FranceConnect
            (impots.gouv.fr, ameli.fr, La Poste…). Ce que vous avez déjà saisi est enregistré. Un
            espace France services peut vous aider à vous connecter.
          </p>
        </div>
        <h3 className="fr-h6 fr-mt-3w fr-mb-1w">
          Mes revenus n'apparaissent pas (DGFiP) : que faire ?
        </h3>
        <div>
          <p>
            Si la DGFiP ne répond pas, reconnectez-vous un peu plus tard : vos revenus seront
            demandés à nouveau. Si vous n'avez pas d'avis d'imposition (vous êtes rattaché au foyer
            de vos parents, par exemple), vous pouvez quand même déposer votre demande : le bureau
            vous demandera les informations utiles.
          </p>
        </div>
        <h3 className="fr-h6 fr-mt-3w fr-mb-1w">
          Mes revenus ont baissé depuis mon dernier avis d'imposition
        </h3>
        <div>
          <p>
            Dans l'étape « Revenus et patrimoine », cochez « Mes revenus ont changé depuis cet avis
            d'imposition ». Le bureau tient compte alors de vos revenus des six derniers mois.
          </p>
        </div>
      </div>

      <h2 id="glossaire">Les mots à connaître</h2>
      <dl>
        {GLOSSARY.map((entry) => (
          <div key={entry.term} className="fr-mb-2w">
            <dt>
              <strong id={entry.id}>{entry.term}</strong>
            </dt>
            <dd className="fr-ml-0">{entry.definition}</dd>
          </div>
        ))}
      </dl>

      <h2 id="site">Un problème avec ce site ?</h2>
      <p>
        Si une page ne s'affiche pas ou si vous ne parvenez pas à l'utiliser (avec un lecteur
        d'écran, par exemple), la <Link to={PAGES.accessibility.path}>page accessibilité</Link> dit
        comment nous le signaler. Si une page d'erreur vous donne une « référence », indiquez-la :
        elle nous aide à retrouver le problème.
      </p>
    </ContentPage>
  );
}

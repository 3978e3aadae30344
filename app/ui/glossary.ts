/**
 * The words of legal aid a citizen cannot avoid, explained in plain French: on the help page
 * (/aide#glossaire), each with an anchor the other pages can link to.
 */
export const GLOSSARY = [
  {
    id: "aide-juridictionnelle",
    term: "Aide juridictionnelle",
    definition:
      "La prise en charge par l'État de tout ou partie de vos frais de justice (avocat, commissaire de justice…), selon vos revenus.",
  },
  {
    id: "bureau-aide-juridictionnelle",
    term: "Bureau d'aide juridictionnelle",
    definition:
      "Le service du tribunal qui examine votre demande et décide si vous avez droit à l'aide. Il est présidé par un juge.",
  },
  {
    id: "aide-totale-partielle",
    term: "Aide totale, aide partielle",
    definition:
      "Avec l'aide totale, l'État paie tous vos frais de justice (avocat, commissaire de justice…). Avec l'aide partielle, il en paie 55 % ou 25 % ; vous payez le reste à votre avocat, qui vous dit combien avant de commencer.",
  },
  {
    id: "revenu-fiscal-de-reference",
    term: "Revenu fiscal de référence",
    definition:
      "Le montant de vos revenus calculé par les impôts, écrit sur votre avis d'imposition. C'est lui qui est comparé aux plafonds.",
  },
  {
    id: "foyer",
    term: "Foyer",
    definition:
      "Vous, votre époux ou partenaire de Pacs, et les personnes à votre charge, comme sur votre avis d'imposition (on dit aussi « foyer fiscal »).",
  },
  {
    id: "caducite",
    term: "Caducité",
    definition:
      "La fin d'une demande parce qu'une information demandée par le bureau n'est pas arrivée à temps. Vous pouvez alors déposer une nouvelle demande.",
  },
  {
    id: "recours",
    term: "Recours",
    definition:
      "La démarche pour contester une décision. Pour l'aide juridictionnelle, vous avez 15 jours, à partir du jour où la décision est mise dans votre espace « Mes demandes ».",
  },
  {
    id: "desistement",
    term: "Désistement",
    definition: "Le fait de retirer vous-même votre demande : le bureau arrête de l'examiner.",
  },
  {
    id: "plafonds",
    term: "Plafonds (barème)",
    definition:
      "Les montants de revenus à ne pas dépasser pour avoir l'aide. Ils changent chaque année et augmentent avec le nombre de personnes du foyer.",
  },
  {
    id: "patrimoine",
    term: "Patrimoine",
    definition:
      "Ce que vous possédez : votre épargne et vos placements (livrets, assurance vie…) et vos biens immobiliers, sauf le logement où vous habitez.",
  },
  {
    id: "notification",
    term: "Notification",
    definition:
      "La remise officielle de la décision. Ici, elle est mise dans votre espace « Mes demandes » et un courriel vous prévient : les 15 jours pour contester commencent ce jour-là.",
  },
  {
    id: "commissaire-de-justice",
    term: "Commissaire de justice",
    definition:
      "Le professionnel qui remet les actes de justice et fait exécuter les décisions (anciennement huissier de justice).",
  },
] as const;

import type { Translation } from "../types";
import type en from "../en/home";

const fr: Translation<typeof en> = {
  title: "Consultations",
  intro:
    "L’agence consulte le public sur chaque projet de schéma de certification de cybersécurité avant de l’adopter. Lisez un projet, commentez-le article par article pendant la consultation et suivez les décisions prises.",
  "section.open": "Ouvertes aux commentaires",
  "section.upcoming": "À venir",
  "section.closed": "Clôturées",
  "count.open": { one: "{count} consultation ouverte aux commentaires", other: "{count} consultations ouvertes aux commentaires" },
  "empty.open": "Aucune consultation n’est ouverte aux commentaires pour le moment.",
  "empty.upcoming": "Aucune consultation n’est encore prévue.",
  "empty.closed": "Aucune consultation n’est encore clôturée.",
  "item.status": "Statut :",
  "item.window": "Ouverte du {opens} au {closes}",
  "item.scheme": "Schéma :",
  "item.closes_in": { one: "Clôture dans {count} jour", other: "Clôture dans {count} jours" },
  load_error: "La liste des consultations n’est pas disponible pour le moment.",
};
export default fr;

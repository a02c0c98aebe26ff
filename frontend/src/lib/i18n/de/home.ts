import type { Translation } from "../types";
import type en from "../en/home";

const de: Translation<typeof en> = {
  title: "Konsultationen",
  intro:
    "Die Agentur konsultiert die Öffentlichkeit zu jedem Entwurf eines Cybersicherheitszertifizierungsschemas, bevor sie ihn annimmt. Lesen Sie einen Entwurf, kommentieren Sie ihn Abschnitt für Abschnitt, solange die Konsultation offen ist, und verfolgen Sie die Entscheidungen.",
  "section.open": "Offen für Kommentare",
  "section.upcoming": "Demnächst",
  "section.closed": "Abgeschlossen",
  "count.open": { one: "{count} Konsultation offen für Kommentare", other: "{count} Konsultationen offen für Kommentare" },
  "empty.open": "Derzeit ist keine Konsultation für Kommentare offen.",
  "empty.upcoming": "Es ist noch keine Konsultation geplant.",
  "empty.closed": "Es wurde noch keine Konsultation abgeschlossen.",
  "item.status": "Status:",
  "item.window": "Offen vom {opens} bis {closes}",
  "item.scheme": "Schema:",
  "item.closes_in": { one: "Endet in {count} Tag", other: "Endet in {count} Tagen" },
  load_error: "Die Konsultationen können derzeit nicht aufgelistet werden.",
};
export default de;

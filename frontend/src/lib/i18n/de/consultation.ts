import type { Translation } from "../types";
import type en from "../en/consultation";

const de: Translation<typeof en> = {
  title: "Konsultation",
  "draft.title": "Der Entwurf",
  "diff.title": "Änderungen gegenüber der vorherigen Fassung",
};
export default de;

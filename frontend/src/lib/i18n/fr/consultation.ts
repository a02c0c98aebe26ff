import type { Translation } from "../types";
import type en from "../en/consultation";

const fr: Translation<typeof en> = {
  title: "Consultation",
  "draft.title": "Le projet",
  "diff.title": "Modifications depuis la version précédente",
};
export default fr;

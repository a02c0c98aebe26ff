import type { Translation } from "../types";
import type en from "../en/commenting";

const fr: Translation<typeof en> = {
  "new.title": "Commenter le projet",
  "mine.title": "Mes commentaires",
};
export default fr;

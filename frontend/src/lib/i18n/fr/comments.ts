import type { Translation } from "../types";
import type en from "../en/comments";

const fr: Translation<typeof en> = {
  "list.title": "Commentaires publiés",
  "one.title": "Commentaire",
};
export default fr;

import type { Translation } from "../types";
import type en from "../en/comments";

const de: Translation<typeof en> = {
  "list.title": "Veröffentlichte Kommentare",
  "one.title": "Kommentar",
};
export default de;

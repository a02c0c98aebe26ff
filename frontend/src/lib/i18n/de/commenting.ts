import type { Translation } from "../types";
import type en from "../en/commenting";

const de: Translation<typeof en> = {
  "new.title": "Den Entwurf kommentieren",
  "mine.title": "Meine Kommentare",
};
export default de;

import type { Translation } from "../types";
import type en from "../en/accounts";

const de: Translation<typeof en> = {
  "register.title": "Registrieren",
  "verify.title": "E-Mail-Adresse bestätigen",
  "sign_in.title": "Anmelden",
  "reset.title": "Passwort zurücksetzen",
  "profile.title": "Ihr Profil",
};
export default de;

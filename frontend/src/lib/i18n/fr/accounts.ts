import type { Translation } from "../types";
import type en from "../en/accounts";

const fr: Translation<typeof en> = {
  "register.title": "Créer un compte",
  "verify.title": "Vérifier votre adresse électronique",
  "sign_in.title": "Se connecter",
  "reset.title": "Réinitialiser votre mot de passe",
  "profile.title": "Votre profil",
};
export default fr;

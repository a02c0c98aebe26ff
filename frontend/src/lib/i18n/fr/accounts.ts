import type { Translation } from "../types";
import type en from "../en/accounts";

const fr: Translation<typeof en> = {
  "register.title": "Créer un compte",
  "verify.title": "Vérifier votre adresse électronique",
  "sign_in.title": "Se connecter",
  "reset.title": "Réinitialiser votre mot de passe",
  "profile.title": "Votre profil",

  "field.email": "Adresse électronique",
  "field.email_hint": "Nous envoyons un lien à cette adresse pour vérifier qu’elle est bien la vôtre.",
  "field.password": "Mot de passe",
  "field.new_password": "Nouveau mot de passe",
  "field.password_hint":
    "Utilisez de 12 à 128 caractères. Quelques mots sans rapport entre eux font un mot de passe long et facile à retenir. N’utilisez pas un mot de passe courant, ni un mot de passe fait de votre nom, de votre adresse électronique ou de votre organisation.",
  "field.current_password": "Mot de passe actuel",
  "field.display_name": "Votre nom",
  "field.display_name_hint": "Il apparaît avec les commentaires que vous publiez sous votre nom.",
  "field.organisation": "Organisation",
  "field.organisation_hint":
    "L’entreprise ou l’organisme au nom duquel vous parlez, le cas échéant. Elle apparaît avec les commentaires que vous publiez sous votre nom.",
  "field.stakeholder_type": "Quel type de partie prenante êtes-vous ?",
  "field.stakeholder_type_short": "Type de partie prenante",
  "field.stakeholder_type_hint":
    "Il apparaît avec vos commentaires publiés, même anonymes, et entre dans les chiffres de la consultation.",
  "field.choose": "Choisissez",
  "field.country": "Pays",
  "field.country_hint": "Le pays où vous vivez ou où votre organisation est établie.",
  "field.transparency_register_id": "Numéro au registre de transparence de l’UE",
  "field.transparency_register_id_hint":
    "Les organisations qui cherchent à influencer les institutions de l’UE s’inscrivent au registre de transparence de l’UE, qui leur donne un numéro d’identification comme 123456789012-34. Vous le trouvez sur la page de votre organisation dans le registre. Laissez ce champ vide si vous parlez en votre nom propre ou si votre organisation n’est pas inscrite.",
  "field.language": "Langue de nos courriels",
  "field.language_hint": "Nous vous écrivons dans cette langue.",

  "error.email_missing": "Saisissez votre adresse électronique",
  "error.email_invalid": "Saisissez une adresse électronique dans le bon format, comme nom@example.org",
  "error.password_missing": "Saisissez un mot de passe",
  "error.password_short": { one: "Utilisez au moins {count} caractère", other: "Utilisez au moins {count} caractères" },
  "error.password_long": { one: "Utilisez au plus {count} caractère", other: "Utilisez au plus {count} caractères" },
  "error.current_password_missing": "Saisissez votre mot de passe actuel",
  "error.display_name_missing": "Saisissez votre nom",
  "error.stakeholder_type_missing": "Choisissez votre type de partie prenante",
  "error.country_missing": "Choisissez votre pays",
  "error.sign_in_failed": "L’adresse électronique ou le mot de passe n’est pas correct. Vérifiez les deux et réessayez.",

  "register.intro":
    "Avec un compte, vous pouvez commenter les consultations ouvertes et suivre ce que deviennent vos commentaires.",
  "register.submit": "Créer mon compte",
  "register.have_account": "Vous avez déjà un compte ?",
  "register.sign_in_link": "Se connecter",
  "register.done_title": "Consultez votre messagerie",
  "register.done_body":
    "Nous avons envoyé un courriel à {email}. Ouvrez le lien qu’il contient pour confirmer votre adresse ; vous pourrez commenter une fois l’adresse confirmée. Le lien n’est valable que pendant un temps limité.",
  "register.done_spam":
    "Pas de courriel après quelques minutes ? Regardez dans vos courriers indésirables, ou demandez un nouveau lien ci-dessous.",

  "resend.title": "Recevoir un nouveau lien de confirmation",
  "resend.submit": "Envoyer un nouveau lien",
  "resend.sent": "Si un compte pas encore confirmé a cette adresse, un nouveau lien est en route.",

  "verify.working": "Confirmation de votre adresse électronique…",
  "verify.done": "Votre adresse électronique est confirmée.",
  "verify.done_sign_in": "Se connecter pour commenter",
  "verify.done_home": "Aller aux consultations",
  "verify.failed": "Ce lien ne fonctionne pas",
  "verify.failed_body": "Il est peut-être expiré ou déjà utilisé. Demandez-en un nouveau ci-dessous.",
  "verify.no_token":
    "Pour confirmer votre adresse, ouvrez le lien du courriel que nous vous avons envoyé. Si vous ne le trouvez pas, demandez-en un nouveau.",

  "sign_in.submit": "Se connecter",
  "sign_in.forgotten": "Mot de passe oublié ?",
  "sign_in.no_account": "Pas encore de compte ?",
  "sign_in.register_link": "Créer un compte",
  "sign_in.already": "Vous êtes connecté en tant que {name}.",

  "reset.request_intro":
    "Saisissez l’adresse électronique de votre compte. Nous vous enverrons un lien pour choisir un nouveau mot de passe.",
  "reset.request_submit": "M’envoyer un lien",
  "reset.request_sent":
    "Si un compte a cette adresse, nous lui avons envoyé un lien pour choisir un nouveau mot de passe. Le lien n’est valable que pendant un temps limité.",
  "reset.new_intro": "Choisissez un nouveau mot de passe pour votre compte.",
  "reset.new_submit": "Changer mon mot de passe",
  "reset.done_title": "Votre mot de passe est changé",
  "reset.done_body":
    "Toutes les sessions de votre compte ont été fermées, sur tous les appareils. Connectez-vous avec votre nouveau mot de passe.",
  "reset.done_sign_in": "Se connecter",
  "reset.request_again": "Demander un nouveau lien",
  "reset.bad_link_title": "Ce lien ne fonctionne pas",
  "reset.bad_link_body": "Il est peut-être expiré ou déjà utilisé. Demandez-en un nouveau.",

  "profile.sign_in_needed": "Connectez-vous pour voir votre profil.",
  "profile.sign_in_link": "Se connecter",
  "profile.unverified_title": "Votre adresse électronique n’est pas encore confirmée",
  "profile.unverified_body": "Vous ne pouvez pas commenter avant d’avoir ouvert le lien envoyé à {email}.",
  "profile.details_title": "Vos informations",
  "profile.email_label": "Adresse électronique",
  "profile.email_fixed": "Votre adresse électronique ne peut pas être modifiée ici.",
  "profile.save": "Enregistrer mes informations",
  "profile.saved": "Vos informations sont enregistrées.",
  "profile.password_title": "Changer votre mot de passe",
  "profile.password_submit": "Changer mon mot de passe",
  "profile.password_changed": "Votre mot de passe est changé. Vos sessions sur les autres appareils ont été fermées.",
  "profile.data_title": "Vos données",
  "profile.data_body":
    "Téléchargez tout ce que nous détenons sur vous : votre compte, vos connexions, les courriels que nous vous avons envoyés, et vos commentaires avec leurs versions précédentes et leurs fichiers. Le fichier est au format JSON, lisible par d’autres programmes.",
  "profile.data_download": "Télécharger mes données",
  "profile.data_error": "Vos données n’ont pas pu être téléchargées",
  "profile.delete_title": "Supprimer votre compte",
  "profile.delete_intro": "Vous pouvez supprimer votre compte à tout moment.",
  "profile.delete_start": "Supprimer mon compte",
  "profile.delete_confirm_title": "Voulez-vous vraiment supprimer votre compte ?",
  "profile.delete_consequence_account":
    "Votre compte disparaît immédiatement : votre adresse électronique, votre mot de passe, votre nom, votre organisation, votre pays et vos autres informations, vos sessions et les courriels en attente d’envoi.",
  "profile.delete_consequence_published":
    "Les commentaires déjà publiés restent dans le dossier public de la consultation, comme le prévoient les règles de la consultation. Ils apparaissent comme venant d’un compte supprimé, sans votre nom, votre organisation, votre type de partie prenante ni votre pays.",
  "profile.delete_consequence_unpublished":
    "Les commentaires pas encore publiés restent dans la consultation pour la modération, eux aussi sans aucun lien avec vous.",
  "profile.delete_consequence_final":
    "Personne ne peut annuler cette suppression. Vous ne pourrez plus modifier ni retirer vos commentaires. Téléchargez d’abord vos données si vous voulez en garder une copie.",
  "profile.delete_confirm": "Oui, supprimer mon compte",
  "profile.delete_cancel": "Non, garder mon compte",
  "profile.deleted_title": "Votre compte est supprimé",
  "profile.deleted_body": "Votre compte et vos données personnelles ont été effacés. Merci de votre participation.",
  "profile.deleted_home": "Aller aux consultations",
  "verify.done_next": "Revenir à la page où vous étiez",
};
export default fr;

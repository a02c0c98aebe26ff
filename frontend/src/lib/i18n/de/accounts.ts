import type { Translation } from "../types";
import type en from "../en/accounts";

const de: Translation<typeof en> = {
  "register.title": "Registrieren",
  "verify.title": "E-Mail-Adresse bestätigen",
  "sign_in.title": "Anmelden",
  "reset.title": "Passwort zurücksetzen",
  "profile.title": "Ihr Profil",

  "field.email": "E-Mail-Adresse",
  "field.email_hint": "Wir senden einen Link an diese Adresse, um zu prüfen, dass sie Ihnen gehört.",
  "field.password": "Passwort",
  "field.new_password": "Neues Passwort",
  "field.password_hint":
    "Verwenden Sie 12 bis 128 Zeichen. Einige Wörter ohne Zusammenhang ergeben ein langes Passwort, das man sich leicht merkt. Verwenden Sie kein gängiges Passwort und keines aus Ihrem Namen, Ihrer E-Mail-Adresse oder Ihrer Organisation.",
  "field.current_password": "Aktuelles Passwort",
  "field.display_name": "Ihr Name",
  "field.display_name_hint": "Er erscheint bei den Kommentaren, die Sie unter Ihrem Namen veröffentlichen.",
  "field.organisation": "Organisation",
  "field.organisation_hint":
    "Das Unternehmen oder die Stelle, für die Sie sprechen, falls zutreffend. Sie erscheint bei den Kommentaren, die Sie unter Ihrem Namen veröffentlichen.",
  "field.stakeholder_type": "Welche Art von Interessenträger sind Sie?",
  "field.stakeholder_type_short": "Art des Interessenträgers",
  "field.stakeholder_type_hint":
    "Sie erscheint bei Ihren veröffentlichten Kommentaren, auch bei anonymen, und fließt in die Zahlen der Konsultation ein.",
  "field.choose": "Bitte wählen",
  "field.country": "Land",
  "field.country_hint": "Wo Sie leben oder wo Ihre Organisation ihren Sitz hat.",
  "field.transparency_register_id": "Nummer im EU-Transparenzregister",
  "field.transparency_register_id_hint":
    "Organisationen, die Einfluss auf die EU-Institutionen nehmen wollen, tragen sich in das EU-Transparenzregister ein und erhalten dort eine Identifikationsnummer wie 123456789012-34. Sie finden sie auf der Seite Ihrer Organisation im Register. Lassen Sie das Feld leer, wenn Sie für sich selbst sprechen oder Ihre Organisation nicht eingetragen ist.",
  "field.language": "Sprache unserer E-Mails",
  "field.language_hint": "Wir schreiben Ihnen in dieser Sprache.",

  "error.email_missing": "Geben Sie Ihre E-Mail-Adresse ein",
  "error.email_invalid": "Geben Sie eine E-Mail-Adresse in der richtigen Form ein, etwa name@example.org",
  "error.password_missing": "Geben Sie ein Passwort ein",
  "error.password_short": { one: "Verwenden Sie mindestens {count} Zeichen", other: "Verwenden Sie mindestens {count} Zeichen" },
  "error.password_long": { one: "Verwenden Sie höchstens {count} Zeichen", other: "Verwenden Sie höchstens {count} Zeichen" },
  "error.current_password_missing": "Geben Sie Ihr aktuelles Passwort ein",
  "error.display_name_missing": "Geben Sie Ihren Namen ein",
  "error.stakeholder_type_missing": "Wählen Sie, welche Art von Interessenträger Sie sind",
  "error.country_missing": "Wählen Sie Ihr Land",
  "error.sign_in_failed": "Die E-Mail-Adresse oder das Passwort stimmt nicht. Prüfen Sie beides und versuchen Sie es erneut.",

  "register.intro":
    "Mit einem Konto können Sie offene Konsultationen kommentieren und verfolgen, was aus Ihren Kommentaren wird.",
  "register.submit": "Konto anlegen",
  "register.have_account": "Schon registriert?",
  "register.sign_in_link": "Anmelden",
  "register.done_title": "Sehen Sie in Ihr Postfach",
  "register.done_body":
    "Wir haben eine E-Mail an {email} gesendet. Öffnen Sie den Link darin, um Ihre Adresse zu bestätigen; danach können Sie kommentieren. Der Link ist nur begrenzte Zeit gültig.",
  "register.done_spam":
    "Nach einigen Minuten keine E-Mail? Sehen Sie im Spam-Ordner nach oder fordern Sie unten einen neuen Link an.",

  "resend.title": "Neuen Bestätigungslink anfordern",
  "resend.submit": "Neuen Link senden",
  "resend.sent": "Wenn ein noch nicht bestätigtes Konto diese Adresse hat, ist ein neuer Link unterwegs.",

  "verify.working": "Ihre E-Mail-Adresse wird bestätigt …",
  "verify.done": "Ihre E-Mail-Adresse ist bestätigt.",
  "verify.done_sign_in": "Zum Kommentieren anmelden",
  "verify.done_home": "Zu den Konsultationen",
  "verify.failed": "Dieser Link funktioniert nicht",
  "verify.failed_body": "Er ist vielleicht abgelaufen oder schon benutzt. Fordern Sie unten einen neuen an.",
  "verify.no_token":
    "Um Ihre Adresse zu bestätigen, öffnen Sie den Link in der E-Mail, die wir Ihnen gesendet haben. Wenn Sie sie nicht finden, fordern Sie einen neuen an.",

  "sign_in.submit": "Anmelden",
  "sign_in.forgotten": "Passwort vergessen?",
  "sign_in.no_account": "Noch kein Konto?",
  "sign_in.register_link": "Registrieren",
  "sign_in.already": "Sie sind angemeldet als {name}.",

  "reset.request_intro":
    "Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir senden Ihnen einen Link, mit dem Sie ein neues Passwort wählen.",
  "reset.request_submit": "Link senden",
  "reset.request_sent":
    "Wenn ein Konto diese Adresse hat, haben wir ihm einen Link zum Wählen eines neuen Passworts gesendet. Der Link ist nur begrenzte Zeit gültig.",
  "reset.new_intro": "Wählen Sie ein neues Passwort für Ihr Konto.",
  "reset.new_submit": "Passwort ändern",
  "reset.done_title": "Ihr Passwort ist geändert",
  "reset.done_body": "Alle Sitzungen Ihres Kontos wurden beendet, auf allen Geräten. Melden Sie sich mit Ihrem neuen Passwort an.",
  "reset.done_sign_in": "Anmelden",
  "reset.request_again": "Neuen Link anfordern",
  "reset.bad_link_title": "Dieser Link funktioniert nicht",
  "reset.bad_link_body": "Er ist vielleicht abgelaufen oder schon benutzt. Fordern Sie einen neuen an.",

  "profile.sign_in_needed": "Melden Sie sich an, um Ihr Profil zu sehen.",
  "profile.sign_in_link": "Anmelden",
  "profile.unverified_title": "Ihre E-Mail-Adresse ist noch nicht bestätigt",
  "profile.unverified_body": "Sie können erst kommentieren, wenn Sie den Link geöffnet haben, den wir an {email} gesendet haben.",
  "profile.details_title": "Ihre Angaben",
  "profile.email_label": "E-Mail-Adresse",
  "profile.email_fixed": "Ihre E-Mail-Adresse kann hier nicht geändert werden.",
  "profile.save": "Angaben speichern",
  "profile.saved": "Ihre Angaben sind gespeichert.",
  "profile.password_title": "Passwort ändern",
  "profile.password_submit": "Passwort ändern",
  "profile.password_changed": "Ihr Passwort ist geändert. Ihre Sitzungen auf anderen Geräten wurden beendet.",
  "profile.data_title": "Ihre Daten",
  "profile.data_body":
    "Laden Sie alles herunter, was wir über Sie speichern: Ihr Konto, Ihre Anmeldungen, die E-Mails, die wir Ihnen gesendet haben, und Ihre Kommentare mit früheren Fassungen und Dateien. Die Datei ist im JSON-Format, das andere Programme lesen können.",
  "profile.data_download": "Meine Daten herunterladen",
  "profile.data_error": "Ihre Daten konnten nicht heruntergeladen werden",
  "profile.delete_title": "Konto löschen",
  "profile.delete_intro": "Sie können Ihr Konto jederzeit löschen.",
  "profile.delete_start": "Mein Konto löschen",
  "profile.delete_confirm_title": "Wollen Sie Ihr Konto wirklich löschen?",
  "profile.delete_consequence_account":
    "Ihr Konto wird sofort gelöscht: Ihre E-Mail-Adresse, Ihr Passwort, Ihr Name, Ihre Organisation, Ihr Land und Ihre übrigen Angaben, Ihre Sitzungen und die E-Mails, die noch auf den Versand warten.",
  "profile.delete_consequence_published":
    "Bereits veröffentlichte Kommentare bleiben Teil der öffentlichen Unterlagen der Konsultation, wie es die Regeln der Konsultation vorsehen. Sie erscheinen als Kommentare eines gelöschten Kontos, ohne Ihren Namen, Ihre Organisation, Ihre Art von Interessenträger und Ihr Land.",
  "profile.delete_consequence_unpublished":
    "Noch nicht veröffentlichte Kommentare bleiben zur Moderation bei der Konsultation, ebenfalls ohne jede Verbindung zu Ihnen.",
  "profile.delete_consequence_final":
    "Niemand kann das rückgängig machen. Sie können Ihre Kommentare danach nicht mehr ändern oder zurückziehen. Laden Sie vorher Ihre Daten herunter, wenn Sie eine Kopie behalten möchten.",
  "profile.delete_confirm": "Ja, mein Konto löschen",
  "profile.delete_cancel": "Nein, mein Konto behalten",
  "profile.deleted_title": "Ihr Konto ist gelöscht",
  "profile.deleted_body": "Ihr Konto und Ihre personenbezogenen Daten sind gelöscht. Danke für Ihre Teilnahme.",
  "profile.deleted_home": "Zu den Konsultationen",
  "verify.done_next": "Zurück zu der Seite, auf der Sie waren",
};
export default de;

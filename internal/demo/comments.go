package demo

import "consult/models"

// The authors of the demo comments, by email.
const (
	dana    = "stakeholder@example.org"
	keller  = "m.keller@verbraucher.example.org"
	laurent = "s.laurent@labo-eval.example.org"
	devries = "jan.devries@example.net"
	aino    = "aino.virtanen@northern-devices.example.com"
	rossi   = "e.rossi@uni-demo.example.org"
	ncca    = "certification@ncca-demo.example.org"
	ortega  = "t.ortega@fabricantes.example.org"
	deals   = "offers@smart-deals.example.com"
)

// demoComment is one comment of the demo, what moderation makes of it and, when published, the
// agency's decision on it.
type demoComment struct {
	author      string // email
	clause      string // clause number; "" for a general comment
	kind        string // comment type
	publication string
	language    string
	body        string
	change      string // proposed change
	quote       string // exact text of the clause body the comment quotes; "" for none
	moderation  moderation
	decision    *models.DispositionInput
}

// moderation is a moderator's decision on a demo comment; the zero value leaves it submitted.
type moderation struct {
	action   string
	reason   string
	note     string
	redacted string // the published body of a redaction
}

var (
	publish = moderation{action: models.ActionPublish}
	pending = moderation{}
)

func decide(resolution, response, nextClause string) *models.DispositionInput {
	return &models.DispositionInput{Resolution: resolution, Response: response, NextClauseRef: nextClause}
}

// closedComments are the comments on draft 0.9, in the order they came in. Every published one has
// a disposition, so the disposition-of-comments report is published.
var closedComments = []demoComment{
	{author: aino, clause: "1.1", kind: "editorial", publication: models.PublicNamed, language: "en",
		body:   "The list of examples mixes device types with a market segment: toys are a category of products, not a kind of device. Readers may conclude that only these five kinds of device are covered.",
		change: "Say \"for example\" and list device types only, or move the examples to a note.",
		quote:  "smart speakers, cameras, thermostats, door locks and toys", moderation: publish,
		decision: decide("not_accepted", "The list is illustrative and is introduced by \"such as\". Connected toys are named on purpose: they raise specific risks for children and market surveillance authorities asked for them to be visible in the scope.", "1.1")},
	{author: ncca, kind: "general", publication: models.PublicNamed, language: "en",
		body:       "We support the scheme and its two assurance levels. To be useful to manufacturers, the timeline of the scheme should be aligned with the dates on which the horizontal cybersecurity requirements for products with digital elements become applicable, so that one evaluation serves both purposes.",
		change:     "Add an informative annex that maps each requirement of chapters 3 and 4 to the corresponding essential requirement.",
		moderation: publish,
		decision:   decide("noted", "The agency agrees that one evaluation should serve both purposes. A mapping annex is being prepared with the national authorities and will be consulted on separately.", "")},
	{author: keller, clause: "3.1", kind: "technical", publication: models.PublicNamed, language: "de",
		body:   "Die Anforderung erfasst nur Passwörter auf dem Gerät selbst. Viele Geräte werden jedoch über eine App und ein Cloud-Konto eingerichtet; dort werden häufig schwache Standardzugänge oder vorhersehbare Kopplungscodes verwendet.",
		change: "Die Anforderung auf alle Authentisierungsmerkmale ausdehnen, die für die Einrichtung und den Fernzugriff verwendet werden, einschließlich Kopplungscodes und Cloud-Konten.",
		quote:  "unique per device or set by the user before first use", moderation: publish,
		decision: decide("partially_accepted", "Draft 1.0 keeps the wording of 3.1 but the evaluation guidance will treat pairing codes as passwords. Cloud accounts are covered by the manufacturer's services, which the scheme includes through clause 2.1.", "3.1")},
	{author: devries, clause: "3.2.2", kind: "general", publication: models.PublicAnonymous, language: "en",
		body:   "Stating the support period is good, but a manufacturer could state \"one year\" and still be certified. I bought a camera that stopped getting updates eighteen months after I bought it.",
		change: "Require a minimum support period of five years from the date the model was last placed on the market.",
		quote:  "The manufacturer shall state the period during which security updates will be provided", moderation: publish,
		decision: decide("not_accepted", "A minimum period is outside what a voluntary certification scheme can impose across all product categories. The certificate's validity is tied to the declared period (6.1), so a short period gives a short-lived certificate, which is visible to buyers.", "3.2.2")},
	{author: laurent, clause: "5.2", kind: "technical", publication: models.PublicNamed, language: "fr",
		body:   "La notion de « vulnérabilités publiquement connues » n'est pas définie. Sans référence à une source (par exemple une base de vulnérabilités publique) et à une date de référence, deux organismes d'évaluation obtiendront des résultats différents pour le même appareil.",
		change: "Préciser les sources à consulter et la date de référence de la recherche, et publier ces éléments dans l'annexe A.",
		quote:  "absence of publicly known vulnerabilities", moderation: publish,
		decision: decide("accepted", "Agreed. The evaluation methodology will name the vulnerability databases to search and require the search to be made no earlier than one month before the evaluation report.", "5.2")},
	{author: rossi, clause: "3.3", kind: "technical", publication: models.PublicNamed, language: "en",
		body:   "\"State-of-the-art\" cannot be evaluated as written: it moves over time and different laboratories will read it differently. The requirement also says nothing about how keys are provisioned, which is where most of the weaknesses we find in consumer devices lie.",
		change: "Refer to a maintained list of agreed cryptographic mechanisms and add a requirement on unique, protected device keys.",
		quote:  "state-of-the-art cryptography", moderation: publish,
		decision: decide("partially_accepted", "The evaluation guidance will refer to the agreed cryptographic mechanisms published at European level. A separate requirement on key provisioning is under study for a later version.", "3.3")},
	{author: ortega, clause: "4.2", kind: "technical", publication: models.PublicNamed, language: "en",
		body:  "Our members support a software bill of materials limited to top-level dependencies. Many small manufacturers rely on vendor SDKs whose transitive dependencies they cannot see; a wider requirement would exclude them from certification.",
		quote: "software bill of materials for each device model", moderation: publish,
		decision: decide("not_accepted", "Most vulnerabilities are found in transitive dependencies, so a bill limited to the top level does not serve its purpose. Draft 1.0 requires all components in a machine-readable format; manufacturers can ask their SDK suppliers for their bills.", "4.2")},
	{author: aino, clause: "3.2.1", kind: "technical", publication: models.PublicNamed, language: "en",
		body:   "Authenticated updates are necessary but not sufficient: without rollback protection, an attacker can install an older, authentic but vulnerable image.",
		change: "Add: \"The device shall not install an update older than the installed version, unless the user explicitly allows it.\"",
		quote:  "Updates shall be authenticated and their", moderation: publish,
		decision: decide("accepted", "Agreed. Rollback protection will be checked at level \"substantial\" and is added to the test cases of Annex A.", "Annex A")},
	{author: dana, clause: "2.3", kind: "general", publication: models.PublicNamed, language: "fr",
		body:  "Nous regrettons que le niveau « élevé » ne soit pas proposé. Les serrures connectées et les caméras de surveillance justifieraient un niveau d'assurance plus élevé que les enceintes ou les jouets.",
		quote: "The level \"high\" is not offered in", moderation: publish,
		decision: decide("noted", "The level \"high\" may be added in a later version, once the evaluation methods for consumer devices at that level have been tested.", "2.2")},
	{author: keller, kind: "general", publication: models.PublicNamed, language: "de",
		body:       "Für Verbraucherinnen und Verbraucher ist ein Zertifikat nur nützlich, wenn es beim Kauf sichtbar ist. Der Entwurf sagt nichts über ein Label oder über Informationen auf der Verpackung.",
		change:     "Ein einheitliches Label mit QR-Code einführen, das auf das Zertifikat und den Unterstützungszeitraum verweist.",
		moderation: publish,
		decision:   decide("partially_accepted", "A label is foreseen in the implementing act that will adopt the scheme; the statement of the support period at the point of sale (3.2.2) will be part of it.", "3.2.2")},
	{author: deals, kind: "general", publication: models.PublicNamed, language: "en",
		body:       "Best prices on smart cameras and door locks this week only! Visit our shop and use code IOT50 for 50% off.",
		moderation: moderation{action: models.ActionReject, reason: "spam", note: "Advertising."}},
	{author: devries, clause: "4.1", kind: "technical", publication: models.PublicNamed, language: "en",
		body:       "I reported a flaw in a thermostat last year and nobody answered for four months. The product manager, Mr P. Example (phone +31 6 0000 0000, p.example@vendor.example.com), told me they had no process. A contact point alone is not enough if nobody reads it.",
		change:     "Set a maximum time to acknowledge a report (for example seven days) and to provide a fix or mitigation.",
		quote:      "act on reports without undue delay",
		moderation: moderation{action: models.ActionRedact, reason: "personal_data", note: "Name and contact details of a third person removed.", redacted: "I reported a flaw in a thermostat last year and nobody answered for four months. The product manager [personal data removed] told me they had no process. A contact point alone is not enough if nobody reads it."},
		decision:   decide("partially_accepted", "The evaluation will check that the manufacturer acknowledges reports within a stated time. Fixed deadlines for fixes are left to the legislation on vulnerability handling.", "4.1")},
	{author: aino, clause: "5.1", kind: "general", publication: models.Confidential, language: "en",
		body:       "For our product line, the documentation review at level \"basic\" is estimated at 12 person-days per model, and a third-party evaluation at level \"substantial\" at roughly EUR 40 000 per model family. These figures are commercially sensitive.",
		moderation: moderation{action: models.ActionPublish, note: "Confidential: accepted into the record."},
		decision:   decide("noted", "Thank you. The cost figures inform the impact assessment; they are not published.", "")},
	{author: rossi, clause: "Annex A", kind: "technical", publication: models.PublicAnonymous, language: "en",
		body:   "The annex announces test cases but lists none. Without them, level \"substantial\" cannot be compared across conformity assessment bodies.",
		change: "Publish the test cases with the next draft, each with its pass criteria.",
		quote:  "minimum test cases", moderation: publish,
		decision: decide("accepted", "The test cases, with their pass criteria, will be published as Annex A with the next draft.", "Annex A")},
	{author: ncca, clause: "6.2", kind: "technical", publication: models.PublicNamed, language: "en",
		body:   "The period left to the manufacturer to remedy a non-conformity should have an upper bound, otherwise certificates of vulnerable devices may remain valid for a long time.",
		change: "Add \"and at most 90 days\" after \"the period set by the certification body\".",
		quote:  "within the period set by the certification body", moderation: publish,
		decision: decide("partially_accepted", "An upper bound will be set, but its length depends on the severity of the non-conformity; the certification bodies will apply the graded periods in the scheme's rules for maintenance.", "6.2")},
	{author: laurent, clause: "5.1", kind: "general", publication: models.PublicNamed, language: "fr",
		body:   "Une auto-évaluation par le fabricant ne suffit pas pour des appareils qui traitent des images ou des données de localisation, même au niveau « élémentaire ».",
		change: "Exiger au moins un examen documentaire par un organisme d'évaluation de la conformité pour ces catégories.",
		quote:  "self-assessment by the manufacturer", moderation: publish,
		decision: decide("not_accepted", "The legislation allows conformity self-assessment at level \"basic\". Devices processing images or location data can be certified at level \"substantial\", which includes third-party testing.", "5.1")},
	{author: ortega, clause: "2.2", kind: "editorial", publication: models.PublicNamed, language: "en",
		body:  "\"Exclusively for industrial use\" is unclear for devices sold to both consumers and small businesses, such as alarm panels.",
		quote: "devices intended exclusively for industrial use", moderation: publish,
		decision: decide("accepted", "Draft 1.0 removes the list of exclusions: whether a device is in scope now follows from clause 2.1 alone.", "2.1")},
	{author: devries, clause: "3.4", kind: "general", publication: models.PublicAnonymous, language: "en",
		body:   "Deleting my data should not require the manufacturer's app, which may no longer exist when I sell or throw away the device.",
		change: "Require a factory reset on the device that also deletes the associated account data.",
		quote:  "delete their personal data from the device and associated services", moderation: publish,
		decision: decide("accepted", "Agreed. The evaluation guidance will require deletion to be possible from the device itself, including the data held by the associated services.", "3.4")},
	{author: keller, clause: "3", kind: "technical", publication: models.PublicNamed, language: "de",
		body:       "Es fehlt eine Anforderung, dass Geräte ihre wesentlichen Funktionen auch ohne Internetverbindung oder bei Abschaltung der Cloud-Dienste behalten. Ein Türschloss darf nicht unbenutzbar werden, weil ein Server ausfällt.",
		change:     "Eine neue Anforderung zur Ausfallsicherheit aufnehmen.",
		moderation: publish,
		decision:   decide("accepted", "Agreed: draft 1.0 adds clause 3.5 on resilience to outages.", "3.5")},
	{author: rossi, clause: "4.1", kind: "technical", publication: models.PublicNamed, language: "en",
		body:  "The clause should refer to the international standards on vulnerability disclosure and handling, so that manufacturers and evaluators share one vocabulary.",
		quote: "coordinated vulnerability disclosure policy", moderation: publish,
		decision: decide("partially_accepted", "The standards will be cited in the evaluation guidance rather than in the requirement itself.", "4.1")},
	{author: aino, clause: "6.1", kind: "editorial", publication: models.PublicNamed, language: "en",
		body:  "It is not clear whether the five years run from the issue of the certificate or from the start of the support period.",
		quote: "at most five years", moderation: publish,
		decision: decide("noted", "The five years run from the date of issue; this will be stated in the scheme's rules on certificates.", "6.1")},
	{author: deals, kind: "general", publication: models.PublicNamed, language: "en",
		body:       "Which smart plug do you recommend for a small flat? Looking for something cheap that works with my phone.",
		moderation: moderation{action: models.ActionReject, reason: "off_topic", note: "A question about products, not about the draft."}},
	{author: dana, clause: "3.2.2", kind: "technical", publication: models.PublicNamed, language: "en",
		body:  "The support period should also be available in a machine-readable form, so that retailers and comparison sites can show it without copying it by hand.",
		quote: "in a way that is clear to the consumer", moderation: publish,
		decision: decide("accepted", "Agreed: the label foreseen for the scheme will link to a machine-readable statement of the support period.", "3.2.2")},
	{author: ncca, clause: "1.2", kind: "editorial", publication: models.PublicNamed, language: "en",
		body:  "Name the legislation on products with digital elements explicitly, with its reference, instead of describing it.",
		quote: "products with digital elements", moderation: publish,
		decision: decide("accepted", "The reference will be added once the implementing act fixes its final wording.", "1.2")},
	{author: ortega, kind: "general", publication: models.PublicAnonymous, language: "en",
		body:       "Small manufacturers need time to adapt their development processes. A transition period of 24 months after adoption would avoid certified products being concentrated among the largest vendors.",
		change:     "Add a transition period of 24 months for manufacturers with fewer than 50 employees.",
		moderation: publish,
		decision:   decide("not_accepted", "Certification under the scheme is voluntary, so no transition period is needed: manufacturers apply when they are ready.", "")},
}

// openComments are the comments on draft 1.0 so far; two still wait for moderation.
var openComments = []demoComment{
	{author: keller, clause: "3.5", kind: "technical", publication: models.PublicNamed, language: "de",
		body:   "Wir begrüßen die neue Anforderung. Neben Türschlössern sollten Heizungssteuerungen und Alarmanlagen ausdrücklich genannt werden.",
		change: "„wie das Entriegeln einer Tür, das Heizen oder das Auslösen eines Alarms“",
		quote:  "such as unlocking a door", moderation: publish},
	{author: aino, clause: "4.2", kind: "technical", publication: models.PublicNamed, language: "en",
		body:   "Please name the accepted formats. Without that, evaluators will have to judge on a case-by-case basis what counts as machine-readable.",
		change: "Name at least two widely used open formats for software bills of materials and accept later versions of them.",
		quote:  "in a machine-readable format", moderation: publish},
	{author: laurent, clause: "5.2", kind: "technical", publication: models.PublicNamed, language: "fr",
		body:       "Merci d'avoir précisé les sources. Il faudrait aussi fixer la durée minimale des tests d'intrusion pour que les offres des organismes restent comparables.",
		moderation: publish},
	{author: devries, kind: "general", publication: models.PublicAnonymous, language: "en",
		body:       "This draft is much clearer than the last one, and it is good to see that comments from the first round were answered one by one.",
		moderation: publish},
	{author: rossi, clause: "3.3", kind: "technical", publication: models.PublicNamed, language: "en",
		body:  "Devices sold today may still be in use in ten years. The scheme should ask manufacturers to plan the transition to post-quantum key exchange for long-lived devices.",
		quote: "Sensitive data shall be protected in transit", moderation: publish},
	{author: dana, clause: "3.2.2", kind: "general", publication: models.Confidential, language: "fr",
		body:       "Nos contrats avec les fournisseurs de puces ne garantissent les correctifs que pendant trois ans ; nous ne pouvons donc pas déclarer une période plus longue sans renégocier ces contrats.",
		moderation: moderation{action: models.ActionPublish, note: "Confidential: accepted into the record."}},
	{author: ortega, clause: "4.2", kind: "technical", publication: models.PublicNamed, language: "en",
		body:  "Requiring transitive dependencies remains difficult for our smallest members. Could the scheme accept a bill completed within six months of certification?",
		quote: "covering all", moderation: pending},
	{author: ncca, clause: "6.1", kind: "editorial", publication: models.PublicNamed, language: "en",
		body:  "State that the five years run from the date of issue, as announced in the response to the first consultation.",
		quote: "at most five years", moderation: pending},
}

package benchdata

// sentenceSet is what a comment in one language is written from; {subject} in a remark names the
// clause (or the draft) the comment is on.
type sentenceSet struct {
	openings, remarks, closings []string
}

var templates = map[string]sentenceSet{
	"en": {
		openings: []string{
			"We welcome the draft and the effort to make managed security services comparable across Member States.",
			"As a provider of managed detection and response services to small and medium-sized enterprises, we have read the draft closely.",
			"Our laboratory evaluates security services for several national schemes, and we comment from that experience.",
			"I work as a security analyst in a security operations centre and comment in a personal capacity.",
			"The association represents more than two hundred providers, most of them small companies.",
			"Hospitals rely on outsourced monitoring more than any other sector, so this scheme matters to us.",
			"We support the objectives of the scheme but have concerns about how it will be evaluated in practice.",
			"This comment reflects the views of our national certification authority after consulting the industry.",
		},
		remarks: []string{
			"The wording of {subject} leaves too much room for interpretation by conformity assessment bodies.",
			"In {subject}, the term \"privileged access\" is used without a definition, which will lead to inconsistent evaluations.",
			"The requirement in {subject} is proportionate for large providers but will be costly for providers with fewer than fifty employees.",
			"{subject} should refer to the relevant international standards instead of restating them in different words.",
			"We see no reason why {subject} sets a period of twelve months when the market practice is an annual review tied to the audit cycle.",
			"It is unclear from {subject} whether subcontracted analysts are covered in the same way as the provider's own staff.",
			"The evidence expected by {subject} should be listed, otherwise each evaluator will ask for different documents.",
			"{subject} does not say what happens when a customer refuses to cooperate, which is common in incident handling.",
			"The obligations in {subject} overlap with the notification duties under the NIS2 directive and should be aligned with them.",
			"Records kept for five years under {subject} will contain personal data, and the retention period needs a legal basis.",
			"The level of detail in {subject} is appropriate and we support keeping it as drafted.",
			"Multi-factor authentication alone does not protect against session hijacking, which {subject} should also address.",
			"For cloud-native services, the notion of a customer environment in {subject} does not match how access is actually granted.",
			"The assurance level \"high\" would require penetration testing that {subject} does not foresee.",
			"The timeline implied by {subject} is unrealistic for providers that have to renegotiate contracts with their customers.",
		},
		closings: []string{
			"We would be glad to discuss these points with the agency.",
			"Thank you for the opportunity to comment.",
			"We hope these remarks help to improve the next draft.",
			"Further evidence can be provided on request.",
			"We remain available for the workshops announced in the consultation.",
		},
	},
	"fr": {
		openings: []string{
			"Nous saluons la publication du projet de schéma et la possibilité de le commenter.",
			"En tant que prestataire de services de sécurité managés, nous avons étudié le projet avec attention.",
			"Notre organisme d'évaluation intervient déjà dans plusieurs schémas nationaux.",
		},
		remarks: []string{
			"La rédaction de {subject} laisse trop de marge d'interprétation aux évaluateurs.",
			"{subject} devrait renvoyer aux normes internationales existantes plutôt que de les reformuler.",
			"Les preuves attendues au titre de {subject} ne sont pas précisées.",
			"L'exigence de {subject} est coûteuse pour les petits prestataires.",
			"Il n'est pas clair si {subject} s'applique aussi aux sous-traitants.",
		},
		closings: []string{
			"Nous restons à la disposition de l'agence pour en discuter.",
			"Merci pour cette consultation.",
		},
	},
	"de": {
		openings: []string{
			"Wir begrüßen den Entwurf und die Möglichkeit zur Stellungnahme.",
			"Als Anbieter von verwalteten Sicherheitsdiensten haben wir den Entwurf sorgfältig geprüft.",
			"Unsere Prüfstelle bewertet Sicherheitsdienste bereits in mehreren nationalen Verfahren.",
		},
		remarks: []string{
			"Die Formulierung von {subject} lässt den Prüfstellen zu viel Spielraum.",
			"{subject} sollte auf bestehende internationale Normen verweisen, statt sie neu zu formulieren.",
			"Welche Nachweise {subject} verlangt, bleibt offen.",
			"Die Anforderung in {subject} ist für kleine Anbieter sehr aufwendig.",
			"Ob {subject} auch für Unterauftragnehmer gilt, ist unklar.",
		},
		closings: []string{
			"Für Rückfragen stehen wir gerne zur Verfügung.",
			"Vielen Dank für die Gelegenheit zur Stellungnahme.",
		},
	},
}

var changes = map[string][]string{
	"en": {
		"Add a definition of \"privileged access\" to the terms and definitions.",
		"Replace \"at least once every twelve months\" by \"at least once per audit cycle\".",
		"List the evidence that the conformity assessment body may ask for in an annex.",
		"Refer to the relevant clauses of ISO/IEC 27001 instead of restating them.",
		"Add a transition period of eighteen months for providers with fewer than fifty employees.",
		"Align the notification deadlines with those of the NIS2 directive.",
		"Make explicit that subcontracted analysts are subject to the same screening.",
	},
	"fr": {
		"Ajouter une définition de « accès privilégié ».",
		"Renvoyer aux clauses pertinentes de la norme ISO/IEC 27001.",
		"Prévoir une période de transition pour les petits prestataires.",
	},
	"de": {
		"Eine Definition von „privilegierter Zugang“ ergänzen.",
		"Auf die einschlägigen Abschnitte der ISO/IEC 27001 verweisen.",
		"Eine Übergangsfrist für kleine Anbieter vorsehen.",
	},
}

// campaign is a text that many senders submit, each a little changed.
type campaign struct {
	language, text, change string
}

var campaigns = []campaign{
	{"en", "I oppose any requirement that lets a security provider keep permanent privileged access to the systems of its customers. Access must be granted for each task, logged, and withdrawn as soon as the task is done. Citizens deserve to know that the companies watching their hospitals and town halls cannot enter those systems whenever they like.",
		"Require access to be granted per task and withdrawn when the task ends."},
	{"en", "Small security companies are the backbone of cyber defence in our regions. The evaluation costs foreseen by this scheme will push them out of the market and leave public bodies dependent on a handful of large foreign providers. Please introduce a simplified evaluation for providers with fewer than fifty employees.",
		"Introduce a simplified evaluation for providers with fewer than fifty employees."},
	{"en", "Analysts who monitor our networks at night should not be screened under rules that differ from one country to the next. One European standard for the screening of personnel would protect both the workers and their customers, and it would end the current patchwork of national practices.",
		"Define one European standard for the screening of personnel."},
	{"en", "Every incident that affects my personal data must be reported to me, not only to the customer of the security provider. The draft forgets the people whose data is at stake. Add an obligation to inform the affected persons without undue delay.",
		"Add an obligation to inform the persons affected by an incident."},
	{"fr", "Les prestataires de sécurité doivent être établis et contrôlés dans l'Union européenne. Confier la surveillance de nos services publics à des entreprises soumises à des lois étrangères est un risque que ce schéma ne doit pas accepter.",
		"Exiger que le prestataire soit établi dans l'Union européenne."},
	{"de", "Die Protokolle der Zugriffe eines Dienstleisters müssen dem Kunden jederzeit und vollständig zur Verfügung stehen. Nur so kann ein Betreiber kritischer Infrastruktur nachvollziehen, wer wann auf seine Systeme zugegriffen hat.",
		"Den jederzeitigen und vollständigen Zugang des Kunden zu den Protokollen vorschreiben."},
}

// synonyms are the words a campaign's sender may change.
var synonyms = map[string]string{
	"oppose": "object to", "permanent": "lasting", "must": "should", "citizens": "people", "deserve": "have a right",
	"small": "smaller", "costs": "fees", "please": "kindly", "large": "big", "protect": "safeguard", "every": "each",
	"forgets": "ignores", "risk": "danger", "doivent": "devraient", "müssen": "sollen", "jederzeit": "stets",
}

var prefaces = []string{
	"I am writing as a concerned citizen.",
	"I run a small IT company.",
	"As a nurse in a public hospital:",
	"Like many in my town,",
	"I support the campaign of our association.",
	"Please read this carefully.",
}

var signOffs = []string{"Thank you.", "Regards.", "Please act on this.", "Signed, a member of the public."}

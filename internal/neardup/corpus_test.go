package neardup

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
)

// This file generates the synthetic consultation used by the campaign tests: variants of one
// form letter and genuinely distinct comments.

var letterBody = []string{
	"I am writing in response to the public consultation on the draft European cybersecurity certification scheme for cloud services.",
	"We strongly support the objective of a harmonised scheme that raises the level of trust in cloud services across the Union.",
	"However, we are deeply concerned about the requirements in clause 5.2 on data localisation and immunity from non-EU law.",
	"These requirements would exclude many small and medium-sized providers who rely on global infrastructure partners.",
	"They are not technical security measures, and they go beyond the mandate given to the agency by the Cybersecurity Act.",
	"The evaluation methodology in annex B also lacks clear criteria for the assurance level high, which will lead to divergent interpretations between conformity assessment bodies.",
	"We therefore urge the agency to remove the sovereignty requirements from the scheme or to move them to a separate, optional label.",
	"We also ask that the transition period be extended from twelve to twenty-four months so that certified providers can adapt their processes and contracts.",
	"Finally, we request that the final text be published together with a disposition of all comments received during this consultation.",
	"Thank you for considering our views on this important matter.",
}

var greetings = []string{
	"Dear Sir or Madam,", "Dear ENISA team,", "To whom it may concern,", "Dear colleagues,", "Hello,",
	"Dear members of the ad hoc working group,", "Good morning,", "Dear Madam, dear Sir,",
}

var introTemplates = []string{
	"My name is %s and I work for %s.",
	"I am %s from %s.",
	"On behalf of %s, I, %s, would like to share our position.",
}

var firstNames = []string{
	"Anna", "Jan", "Marie", "Lukas", "Sofia", "Mateo", "Elena", "Pieter", "Ingrid", "Tomás",
	"Zofia", "Mihai", "Chiara", "Olivier", "Katarzyna", "Jörg", "Aino", "Nikos", "Γιώργος",
	"Иван", "Margarida", "Dimitar", "Lena", "Rasmus", "Eva", "Luca", "Inês", "Mārtiņš",
	"Petra", "Ondřej", "Siobhán", "Hugo", "Ewa", "Marko", "Liis", "Andrea", "Björn", "Noor",
}

var lastNames = []string{
	"Müller", "Jansen", "Dubois", "Rossi", "García", "Kowalski", "Nowak", "Papadopoulos",
	"Παπαδόπουλος", "Петров", "Silva", "Novák", "Horváth", "Nielsen", "Virtanen", "Murphy",
	"Popescu", "Ivanov", "Berg", "Schmidt", "Fernández", "De Vries", "Leclerc", "Bianchi",
	"Kask", "Bērziņš", "Kovačić", "Andersson", "Costa", "Wagner", "O'Brien", "Lindqvist",
}

var orgs = []string{
	"Nimbus Hosting GmbH", "CloudNord AB", "Datacentre Alliance", "Acme Software SRL",
	"Hellenic Cloud Providers Association", "Baltic Data Services", "SME Digital Europe",
	"Iberia Web Solutions SL", "Polskie Centrum Chmury", "Alpine Compute AG", "Brightbyte BV",
	"Danube Hosting Kft", "the Federation of Independent Providers", "Kraków Tech Cluster",
	"Open Infrastructure Foundation Europe", "a small managed services company",
	"Celtic Cloud Ltd", "Rheinland IT Sicherheit", "Savoie Numérique", "Adriatic Networks d.o.o.",
}

var personalSentences = []string{
	"Our company employs forty people and serves customers in six Member States.",
	"As a family business we cannot afford to duplicate our infrastructure inside the Union.",
	"I have worked in cloud operations for more than fifteen years.",
	"Our customers are mostly municipalities and hospitals that need affordable services.",
	"We already hold ISO/IEC 27001 and C5 attestations for our platform.",
	"This issue was discussed at length in our national industry association.",
	"Please note that we fully support strong security requirements in general.",
	"We have been waiting for this scheme for several years.",
}

var closings = []string{
	"Yours sincerely,\n%s\n%s",
	"Kind regards, %s (%s)",
	"Best regards,\n%s, %s",
	"%s — %s. With kind regards.",
}

// substitutions are (word, replacement) pairs a sender might change.
var substitutions = [][2]string{
	{"strongly", "firmly"}, {"deeply", "very"}, {"urge", "ask"}, {"requirements", "provisions"},
	{"exclude", "shut out"}, {"many", "numerous"}, {"clear", "precise"}, {"request", "ask"},
	{"harmonised", "common"}, {"concerned", "worried"}, {"remove", "delete"}, {"important", "crucial"},
	{"global", "international"}, {"extended", "prolonged"}, {"processes", "procedures"},
}

// campaignVariant writes one sender's copy of the form letter with small edits.
func campaignVariant(rng *rand.Rand) string {
	name := pick(rng, firstNames) + " " + pick(rng, lastNames)
	org := pick(rng, orgs)
	body := append([]string(nil), letterBody...)

	if rng.Float64() < 0.25 { // a sentence removed (never the first or the last)
		i := 1 + rng.IntN(len(body)-2)
		body = append(body[:i], body[i+1:]...)
	}
	if rng.Float64() < 0.3 { // a personal sentence added
		i := 1 + rng.IntN(len(body)-1)
		body = append(body[:i], append([]string{pick(rng, personalSentences)}, body[i:]...)...)
	}
	text := strings.Join(body, " ")
	for range rng.IntN(4) { // a few word substitutions
		s := pick(rng, substitutions)
		text = strings.Replace(text, " "+s[0]+" ", " "+s[1]+" ", 1)
	}
	words := strings.Split(text, " ")
	for range rng.IntN(3) { // typos
		i := rng.IntN(len(words))
		words[i] = typo(rng, words[i])
	}
	text = strings.Join(words, " ")
	if rng.Float64() < 0.3 { // punctuation and case changes, removed by Normalise
		text = strings.ReplaceAll(text, ",", "")
	}
	if rng.Float64() < 0.3 {
		text = strings.ReplaceAll(text, ".", "!")
	}
	if rng.Float64() < 0.2 {
		text = strings.ToUpper(text[:60]) + text[60:]
	}

	var b strings.Builder
	b.WriteString(pick(rng, greetings) + "\n\n")
	intro := pick(rng, introTemplates)
	if strings.HasPrefix(intro, "On behalf") {
		fmt.Fprintf(&b, intro, org, name)
	} else {
		fmt.Fprintf(&b, intro, name, org)
	}
	b.WriteString(" " + text + "\n\n")
	fmt.Fprintf(&b, pick(rng, closings), name, org)
	return b.String()
}

// typo swaps two adjacent letters, drops one or doubles one.
func typo(rng *rand.Rand, w string) string {
	r := []rune(w)
	if len(r) < 3 {
		return w
	}
	i := rng.IntN(len(r) - 1)
	switch rng.IntN(3) {
	case 0:
		r[i], r[i+1] = r[i+1], r[i]
	case 1:
		r = append(r[:i], r[i+1:]...)
	default:
		r = append(r[:i+1], r[i:]...)
	}
	return string(r)
}

// Distinct comments: several topics, each with its own vocabulary, written from sentence
// templates whose slots are filled at random, so that two comments share phrases but few
// three-word sequences.

type topic struct {
	nouns, adjectives, verbs []string
}

var topics = []topic{
	{ // vulnerability handling
		nouns:      []string{"vulnerability", "disclosure policy", "patch", "advisory", "researcher", "embargo", "CVE record", "fix", "exploit", "product team", "bug bounty", "coordinator", "severity score", "update channel"},
		adjectives: []string{"critical", "coordinated", "public", "timely", "undisclosed", "exploitable", "reported", "minor"},
		verbs:      []string{"publish", "triage", "remediate", "notify", "track", "validate", "reproduce", "acknowledge"},
	},
	{ // conformity assessment bodies
		nouns:      []string{"conformity assessment body", "evaluator", "accreditation", "audit report", "peer assessment", "surveillance audit", "national authority", "certificate", "evaluation facility", "competence requirement", "witness audit"},
		adjectives: []string{"accredited", "independent", "annual", "notified", "qualified", "remote", "onsite", "consistent"},
		verbs:      []string{"accredit", "supervise", "audit", "withdraw", "renew", "suspend", "harmonise", "monitor"},
	},
	{ // 5G networks
		nouns:      []string{"base station", "radio access network", "core function", "network slice", "operator", "equipment vendor", "signalling interface", "SIM profile", "roaming partner", "virtualised function"},
		adjectives: []string{"open", "virtualised", "standalone", "legacy", "trusted", "shared", "mobile", "critical"},
		verbs:      []string{"segment", "deploy", "isolate", "authenticate", "orchestrate", "upgrade", "test", "harden"},
	},
	{ // IoT and consumer products
		nouns:      []string{"smart camera", "default password", "firmware image", "consumer", "label", "companion app", "baby monitor", "router", "support period", "manufacturer", "retailer"},
		adjectives: []string{"connected", "cheap", "insecure", "unique", "signed", "visible", "long", "affordable"},
		verbs:      []string{"label", "update", "sell", "configure", "replace", "encrypt", "recall", "inform"},
	},
	{ // cryptography
		nouns:      []string{"cipher suite", "key length", "random number generator", "hardware security module", "certificate chain", "post-quantum algorithm", "key rotation", "TLS profile", "signature scheme"},
		adjectives: []string{"approved", "deprecated", "quantum-safe", "agreed", "hybrid", "strong", "weak", "outdated"},
		verbs:      []string{"approve", "deprecate", "migrate", "rotate", "store", "generate", "verify", "revoke"},
	},
	{ // managed security services
		nouns:      []string{"incident response team", "security operations centre", "service level", "penetration test", "threat intelligence feed", "client", "analyst", "detection rule", "escalation path"},
		adjectives: []string{"managed", "continuous", "round-the-clock", "qualified", "contractual", "external", "internal", "measurable"},
		verbs:      []string{"detect", "respond", "escalate", "report", "contract", "staff", "measure", "retain"},
	},
	{ // accessibility and process
		nouns:      []string{"consultation period", "translation", "summary", "stakeholder", "webinar", "glossary", "timeline", "working group", "citizen", "annex"},
		adjectives: []string{"short", "official", "plain", "inclusive", "transparent", "late", "readable", "missing"},
		verbs:      []string{"translate", "extend", "explain", "publish", "simplify", "involve", "clarify", "reconsider"},
	},
	{ // cloud, same subject as the campaign but own words
		nouns:      []string{"data centre", "hyperscaler", "customer contract", "jurisdiction", "subcontractor", "encryption key", "sovereignty criterion", "exit plan", "tenant", "location register"},
		adjectives: []string{"foreign", "European", "multi-tenant", "sovereign", "portable", "contractual", "local", "external"},
		verbs:      []string{"host", "migrate", "disclose", "subcontract", "relocate", "negotiate", "assess", "document"},
	},
}

var sentenceTemplates = []string{
	"The %[1]s in clause %[5]s should %[3]s every %[2]s %[4]s.",
	"Why must a %[2]s %[1]s %[3]s the %[4]s before certification?",
	"Please %[3]s how %[2]s %[1]s and %[4]s interact under clause %[5]s.",
	"Clause %[5]s says %[2]s %[4]s %[3]s only once, which seems %[2]s.",
	"In our experience %[2]s %[1]s rarely %[3]s any %[4]s.",
	"A %[1]s could %[3]s %[2]s %[4]s at level substantial.",
	"We propose to %[3]s the %[4]s, not each %[2]s %[1]s.",
	"Without %[2]s %[4]s, %[1]s owners cannot %[3]s.",
	"%[1]s, %[4]s and %[2]s evidence deserve a separate annex.",
	"Consider whether %[2]s %[1]s %[3]s %[4]s faster than clause %[5]s allows.",
	"Our members %[3]s %[2]s %[1]s weekly; monthly %[4]s reviews suffice.",
	"Does clause %[5]s %[3]s %[4]s or merely %[2]s %[1]s?",
}

var boilerplates = []string{
	"I am writing regarding clause 3.4 of the draft scheme.",
	"Thank you for the opportunity to comment on this draft.",
	"I am writing regarding clause 3.4 of the draft scheme and I have one remark.",
	"Please find below my comments on the draft candidate scheme.",
}

// distinctComment writes a comment of minWords to maxWords words on a random topic;
// boilerplate openers (every 8th) and a quoted sentence of the form letter (every 25th) make
// some of them share text with others.
func distinctComment(rng *rand.Rand, i, minWords, maxWords int) string {
	tp := topics[rng.IntN(len(topics))]
	target := minWords + rng.IntN(maxWords-minWords+1)
	var parts []string
	switch {
	case i%8 == 0:
		parts = append(parts, pick(rng, boilerplates))
	case i%25 == 1:
		parts = append(parts, "I agree with the statement that "+lowerFirst(letterBody[3+rng.IntN(3)]))
	}
	words := 0
	for _, p := range parts {
		words += len(strings.Fields(p))
	}
	for words < target {
		s := fmt.Sprintf(pick(rng, sentenceTemplates),
			pick(rng, tp.nouns), pick(rng, tp.adjectives), pick(rng, tp.verbs), pick(rng, tp.nouns),
			fmt.Sprintf("%d.%d", 1+rng.IntN(9), 1+rng.IntN(9)))
		parts = append(parts, upperFirst(s))
		words += len(strings.Fields(s))
	}
	return strings.Join(parts, " ")
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

func upperFirst(s string) string {
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

func lowerFirst(s string) string {
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// labelled is a generated comment and whether it belongs to the campaign.
type labelled struct {
	id       string
	text     string
	campaign bool
}

// consultation returns nCampaign form-letter variants and nDistinct distinct comments,
// shuffled into arrival order, all from one seed.
func consultation(seed uint64, nCampaign, nDistinct int) []labelled {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	out := make([]labelled, 0, nCampaign+nDistinct)
	for i := range nCampaign {
		out = append(out, labelled{id: fmt.Sprintf("campaign-%04d", i), text: campaignVariant(rng), campaign: true})
	}
	for i := range nDistinct {
		out = append(out, labelled{id: fmt.Sprintf("distinct-%04d", i), text: distinctComment(rng, i, 20, 400)})
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

package demo

import "consult/models"

// commenter is a demo stakeholder account that writes the demo's comments. Nobody can sign in to
// one: they all share one random password that is never kept or shown.
type commenter struct {
	email   string
	profile models.Profile
}

// commenters are the stakeholders, besides the demo stakeholder of Accounts, whose comments fill
// the consultations: varied stakeholder types, countries and languages, some with organisations.
var commenters = []commenter{
	{"m.keller@verbraucher.example.org", models.Profile{DisplayName: "Markus Keller", Organisation: "Verbraucherforum Digital e.V.",
		StakeholderType: "consumer_organisation", Country: "DE", Language: "de"}},
	{"s.laurent@labo-eval.example.org", models.Profile{DisplayName: "Sophie Laurent", Organisation: "Laboratoire d'évaluation Exemple",
		StakeholderType: "conformity_assessment_body", Country: "FR", Language: "fr"}},
	{"jan.devries@example.net", models.Profile{DisplayName: "Jan de Vries", StakeholderType: "eu_citizen", Country: "NL", Language: "en"}},
	{"aino.virtanen@northern-devices.example.com", models.Profile{DisplayName: "Aino Virtanen", Organisation: "Northern Devices Oy",
		StakeholderType: "company", Country: "FI", TransparencyRegisterID: "123456789012-34", Language: "en"}},
	{"e.rossi@uni-demo.example.org", models.Profile{DisplayName: "Elena Rossi", Organisation: "Embedded Security Lab, Università Demo",
		StakeholderType: "academic_research", Country: "IT", Language: "en"}},
	{"certification@ncca-demo.example.org", models.Profile{DisplayName: "Certification Unit", Organisation: "National Cybersecurity Certification Authority (demo)",
		StakeholderType: "national_cybersecurity_certification_authority", Country: "PT", Language: "en"}},
	{"t.ortega@fabricantes.example.org", models.Profile{DisplayName: "Tomás Ortega", Organisation: "Asociación de Fabricantes de Hogar Conectado",
		StakeholderType: "business_association", Country: "ES", TransparencyRegisterID: "987654321098-76", Language: "en"}},
	{"offers@smart-deals.example.com", models.Profile{DisplayName: "Smart Home Deals", StakeholderType: "other", Country: "MT", Language: "en"}},
}

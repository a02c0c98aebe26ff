package benchdata

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"consult/models"
)

// ModeratorEmail is the benchmark's moderator account.
const ModeratorEmail = "moderator@bench.example.org"

// StakeholderEmail is the address of the i-th stakeholder account.
func StakeholderEmail(i int) string { return fmt.Sprintf("stakeholder-%05d@bench.example.org", i) }

var (
	firstNames = []string{"Anna", "Bruno", "Chiara", "Dimitris", "Elif", "François", "Greta", "Henrik", "Ines", "Jakub", "Katarzyna", "Lars",
		"Marta", "Niels", "Olga", "Pedro", "Quentin", "Rasa", "Sven", "Teresa", "Ugo", "Vesna", "Wim", "Zofia"}
	lastNames = []string{"Andersen", "Bianchi", "Costa", "Dubois", "Eriksson", "Fischer", "García", "Horvát", "Ivanova", "Jansen", "Kowalski",
		"Lehtonen", "Müller", "Novak", "O'Brien", "Papadopoulos", "Rossi", "Schmidt", "Tamm", "Urbán", "Varga", "Weber"}
	organisations = []string{"Secure Ops GmbH", "CyberWatch SAS", "Nordic SOC AB", "Iberia Managed Security SL", "Baltic Threat Lab OÜ",
		"Association of Security Service Providers", "Institute for Applied Cryptography", "Consumer Digital Rights Network",
		"Federal Office for Information Security (bench)", "European Testing Laboratory", "Alpine Telecom AG", "Delta Hospitals Group"}
	stakeholderTypes = []string{"eu_citizen", "non_eu_citizen", "company", "business_association", "ngo", "academic_research", "public_authority",
		"national_cybersecurity_certification_authority", "conformity_assessment_body", "standardisation_body", "trade_union",
		"consumer_organisation", "other"}
	countries = []string{"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT",
		"NL", "PL", "PT", "RO", "SE", "SI", "SK", "NO", "CH", "GB"}
	languages = []string{"en", "en", "en", "fr", "de"}
)

// profile is the i-th stakeholder's profile: every stakeholder type, thirty countries, three
// languages, an organisation for every other account and a transparency register id for some.
func profile(i int) models.Profile {
	p := models.Profile{
		DisplayName:     firstNames[i%len(firstNames)] + " " + lastNames[(i/len(firstNames))%len(lastNames)],
		StakeholderType: stakeholderTypes[i%len(stakeholderTypes)],
		Country:         countries[(i*7)%len(countries)],
		Language:        languages[i%len(languages)],
	}
	if i%2 == 0 {
		p.Organisation = organisations[(i/2)%len(organisations)]
	}
	if i%5 == 0 {
		p.TransparencyRegisterID = fmt.Sprintf("%012d-%02d", 100000000000+i, i%100)
	}
	return p
}

// createAccounts stores the moderator and n verified stakeholders, all with the password hash.
func createAccounts(ctx context.Context, db *gorm.DB, hash string, n int, at time.Time) (moderator *models.User, stakeholders []*models.User, err error) {
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		moderator, err = models.CreateUser(ctx, tx, models.NewAccount{Email: ModeratorEmail, PasswordHash: hash, Role: models.RoleModerator, Verified: true,
			Profile: models.Profile{DisplayName: "Benchmark Moderator", Organisation: "Benchmark Agency", StakeholderType: "public_authority", Country: "GR", Language: "en"}}, at)
		if err != nil {
			return err
		}
		stakeholders = make([]*models.User, n)
		for i := range n {
			stakeholders[i], err = models.CreateUser(ctx, tx, models.NewAccount{Email: StakeholderEmail(i), PasswordHash: hash, Role: models.RoleStakeholder,
				Verified: true, Profile: profile(i)}, at)
			if err != nil {
				return err
			}
		}
		return nil
	})
	return moderator, stakeholders, err
}

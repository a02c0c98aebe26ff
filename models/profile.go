package models

import (
	"net/mail"
	"slices"
	"strings"
)

// StakeholderTypes are the kinds of stakeholder a profile may name (API.md, Accounts).
var StakeholderTypes = []string{
	"eu_citizen", "non_eu_citizen", "company", "business_association", "ngo", "academic_research",
	"public_authority", "national_cybersecurity_certification_authority", "conformity_assessment_body",
	"standardisation_body", "trade_union", "consumer_organisation", "other",
}

// ValidStakeholderType reports whether s is one of StakeholderTypes.
func ValidStakeholderType(s string) bool { return slices.Contains(StakeholderTypes, s) }

// countryCodes holds every officially assigned ISO 3166-1 alpha-2 code.
var countryCodes = map[string]bool{}

func init() {
	const codes = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ " +
		"BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ " +
		"EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY " +
		"HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA " +
		"LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY " +
		"MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS " +
		"RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM " +
		"TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
	for _, c := range strings.Fields(codes) {
		countryCodes[c] = true
	}
}

// ValidCountry reports whether s is an ISO 3166-1 alpha-2 code (upper case).
func ValidCountry(s string) bool { return countryCodes[s] }

// NormalizeEmail trims and lower-cases an address and checks its shape; it returns "" when the
// address is not usable.
func NormalizeEmail(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) > MaxEmail || strings.ContainsAny(s, " <>\"") {
		return ""
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndexByte(s, '@'):], ".") {
		return ""
	}
	return s
}

//go:build race

package clauses

const raceEnabled = true

//go:build !race

package neardup

// raceEnabled tells timing tests that the race detector slows everything down.
const raceEnabled = false

//go:build race

package storage

// raceEnabled: the race detector multiplies memory use, so RSS limits are
// not checked under it.
const raceEnabled = true

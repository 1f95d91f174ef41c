//go:build race

package main

// raceEnabled: the race detector reports the races two scenarios exist to
// show (goroutines capturing go1.21 loop variables, writes during range).
const raceEnabled = true

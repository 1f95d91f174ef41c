package scenarios

import (
	"fmt"

	"mapbench.io/workload/internal/result"
	"mapbench.io/workload/internal/vocab"
)

// S6: inserting enough keys during a range to make the map grow; does the
// range still produce every original key exactly once?

const growthTrials = 100

func observeGrowthDuringRange(c Combo) result.Observation {
	added := 2*c.Size + 8
	keys := vocab.IntKeys(c.Size + added)
	orig, extra := keys[:c.Size], keys[c.Size:]
	isOrig := make(map[int64]bool, len(orig))
	for _, k := range orig {
		isOrig[k] = true
	}
	var duplicates, lost, insertedProduced, trialsBad int
	for t := 0; t < growthTrials; t++ {
		m := make(map[int64]int64)
		for i, k := range orig {
			m[k] = int64(i)
		}
		count := make(map[int64]int, len(m)+added)
		first := true
		for k := range m {
			count[k]++
			if first {
				first = false
				for i, e := range extra {
					m[e] = int64(i)
				}
			}
		}
		bad := false
		for k, n := range count {
			if n > 1 {
				duplicates++
				bad = true
			}
			if !isOrig[k] {
				insertedProduced++
			}
		}
		for _, k := range orig {
			if count[k] == 0 {
				lost++
				bad = true
			}
		}
		if bad {
			trialsBad++
		}
	}
	return result.Observation{
		Scenario: "growth-during-iteration", KeyType: c.KeyType, ValueType: c.ValueType, Size: c.Size,
		Figures: map[string]float64{
			"trials":                    growthTrials,
			"insertedPerTrial":          float64(added),
			"keysProducedTwice":         float64(duplicates),
			"originalKeysLost":          float64(lost),
			"insertedKeysProduced":      float64(insertedProduced),
			"trialsWithDuplicateOrLoss": float64(trialsBad),
		},
		Summary: fmt.Sprintf("%d trials inserting %d keys into a %d-key map during range: %d keys produced twice, %d original keys lost, %d inserted keys produced",
			growthTrials, added, c.Size, duplicates, lost, insertedProduced),
	}
}

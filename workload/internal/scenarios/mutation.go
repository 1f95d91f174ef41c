package scenarios

import (
	"fmt"

	"mapbench.io/workload/internal/result"
	"mapbench.io/workload/internal/vocab"
)

// S5: what `range` produces when the loop deletes, inserts or updates.

const mutationTrials = 200

func observeMutation(c Combo) result.Observation {
	keys := vocab.IntKeys(2 * c.Size)
	orig, extra := keys[:c.Size], keys[c.Size:]
	fresh := func() map[int64]int64 {
		m := make(map[int64]int64)
		for i, k := range orig {
			m[k] = int64(i)
		}
		return m
	}
	var deleted, deletedProduced int
	var inserted, insertedProduced, trialsSomeSkipped, trialsSomeProduced int
	var updated, updatedNew, updatedOld int
	for t := 0; t < mutationTrials; t++ {
		// Delete every key except the first produced.
		m := fresh()
		first := true
		gone := map[int64]bool{}
		for k := range m {
			if first {
				first = false
				for _, o := range orig {
					if o != k {
						delete(m, o)
						gone[o] = true
					}
				}
				continue
			}
			if gone[k] {
				deletedProduced++
			}
		}
		deleted += len(gone)

		// Insert size new keys at the first iteration.
		m = fresh()
		first = true
		added := map[int64]bool{}
		produced := 0
		for k := range m {
			if first {
				first = false
				for _, e := range extra {
					m[e] = -1
					added[e] = true
				}
				continue
			}
			if added[k] {
				produced++
			}
		}
		inserted += len(added)
		insertedProduced += produced
		if produced < len(added) {
			trialsSomeSkipped++
		}
		if produced > 0 {
			trialsSomeProduced++
		}

		// Update every other value at the first iteration.
		m = fresh()
		first = true
		var firstKey int64
		for k, v := range m {
			if first {
				first, firstKey = false, k
				for _, o := range orig {
					if o != k {
						m[o] = -1
					}
				}
				continue
			}
			if k != firstKey {
				if v == -1 {
					updatedNew++
				} else {
					updatedOld++
				}
			}
		}
		updated += len(orig) - 1
	}
	return result.Observation{
		Scenario: "mutation-during-range", KeyType: c.KeyType, ValueType: c.ValueType, Size: c.Size,
		Figures: map[string]float64{
			"trials":                      mutationTrials,
			"deletedNotYetVisited":        float64(deleted),
			"deletedProduced":             float64(deletedProduced),
			"inserted":                    float64(inserted),
			"insertedProduced":            float64(insertedProduced),
			"trialsWithInsertedSkipped":   float64(trialsSomeSkipped),
			"trialsWithInsertedProduced":  float64(trialsSomeProduced),
			"updatedNotYetVisited":        float64(updated),
			"updatedProducedWithNewValue": float64(updatedNew),
			"updatedProducedWithOldValue": float64(updatedOld),
		},
		Summary: fmt.Sprintf("%d trials: %d of %d deleted keys produced; %d of %d inserted keys produced (some skipped in %d trials); %d of %d updated entries produced with the new value",
			mutationTrials, deletedProduced, deleted, insertedProduced, inserted, trialsSomeSkipped, updatedNew, updatedNew+updatedOld),
	}
}

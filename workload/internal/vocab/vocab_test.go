package vocab

import "testing"

func TestKeysAreDistinctAndSized(t *testing.T) {
	const n = 50_000
	ints := IntKeys(n)
	seenInt := make(map[int64]bool, n)
	for _, k := range ints {
		seenInt[k] = true
	}
	if len(seenInt) != n {
		t.Fatalf("%d distinct int keys of %d", len(seenInt), n)
	}
	for _, kt := range []string{KeyString8, KeyString32, KeyString256} {
		keys := StringKeys(n, StringKeyLen(kt))
		seen := make(map[string]bool, n)
		for _, k := range keys {
			if len(k) != StringKeyLen(kt) {
				t.Fatalf("%s key %q has length %d", kt, k, len(k))
			}
			seen[k] = true
		}
		if len(seen) != n {
			t.Fatalf("%s: %d distinct keys of %d", kt, len(seen), n)
		}
	}
}

func TestChecks(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{CheckKeyType("key-types", "int32"), `key-types: unknown key type "int32" (allowed: int64, string8, string32, string256)`},
		{CheckValueType("value-types", "x"), `value-types: unknown value type "x" (allowed: int64, struct16, struct64, struct128, struct256, ptrstruct64, empty)`},
		{CheckSize("sizes", 0), "sizes: size 0 out of range (allowed: 1..10000000)"},
		{CheckSize("sizes", 10_000_001), "sizes: size 10000001 out of range (allowed: 1..10000000)"},
	}
	for _, c := range cases {
		if c.err == nil || c.err.Error() != c.want {
			t.Errorf("got %v, want %s", c.err, c.want)
		}
	}
	for _, ok := range []error{CheckKeyType("f", "string8"), CheckValueType("f", "empty"), CheckSize("f", 1), CheckSize("f", MaxSize)} {
		if ok != nil {
			t.Errorf("valid input rejected: %v", ok)
		}
	}
}

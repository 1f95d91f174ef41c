// Package vocab holds the shared vocabulary of DESIGN.md: key types, value
// types and sizes, with the Go types and test data behind each name.
package vocab

import (
	"fmt"
	"strings"
)

// Key type names.
const (
	KeyInt64     = "int64"
	KeyString8   = "string8"
	KeyString32  = "string32"
	KeyString256 = "string256"
)

// Value type names.
const (
	ValueInt64       = "int64"
	ValueStruct16    = "struct16"
	ValueStruct64    = "struct64"
	ValueStruct128   = "struct128"
	ValueStruct256   = "struct256"
	ValuePtrStruct64 = "ptrstruct64"
	ValueEmpty       = "empty"
)

// Size bounds of the vocabulary.
const (
	MinSize = 1
	MaxSize = 10_000_000
)

// KeyTypes lists every key type in canonical order.
var KeyTypes = []string{KeyInt64, KeyString8, KeyString32, KeyString256}

// ValueTypes lists every value type in canonical order.
var ValueTypes = []string{ValueInt64, ValueStruct16, ValueStruct64, ValueStruct128, ValueStruct256, ValuePtrStruct64, ValueEmpty}

// KeyBytes is the bytes one key occupies: in the map slot plus, for
// strings, the separately allocated contents (rounded to its size class).
var KeyBytes = map[string]int{KeyInt64: 8, KeyString8: 16 + 8, KeyString32: 16 + 32, KeyString256: 16 + 256}

// ValueBytes is the bytes one value occupies: in the map slot plus, for
// ptrstruct64, the pointed-to struct.
var ValueBytes = map[string]int{ValueInt64: 8, ValueStruct16: 16, ValueStruct64: 64, ValueStruct128: 128,
	ValueStruct256: 256, ValuePtrStruct64: 8 + 64, ValueEmpty: 0}

// StringKeyLen returns the length of the keys of a string key type, 0 for int64.
func StringKeyLen(keyType string) int {
	switch keyType {
	case KeyString8:
		return 8
	case KeyString32:
		return 32
	case KeyString256:
		return 256
	}
	return 0
}

// CheckKeyType returns an error naming the allowed key types.
func CheckKeyType(field, k string) error {
	if _, ok := KeyBytes[k]; !ok {
		return fmt.Errorf("%s: unknown key type %q (allowed: %s)", field, k, strings.Join(KeyTypes, ", "))
	}
	return nil
}

// CheckValueType returns an error naming the allowed value types.
func CheckValueType(field, v string) error {
	if _, ok := ValueBytes[v]; !ok {
		return fmt.Errorf("%s: unknown value type %q (allowed: %s)", field, v, strings.Join(ValueTypes, ", "))
	}
	return nil
}

// CheckSize returns an error when size is outside MinSize..MaxSize.
func CheckSize(field string, size int) error {
	if size < MinSize || size > MaxSize {
		return fmt.Errorf("%s: size %d out of range (allowed: %d..%d)", field, size, MinSize, MaxSize)
	}
	return nil
}

package vocab

import "strconv"

// The value types. F is the field scenarios read; the padding gives each
// type its vocabulary size (struct128 sits on the classic map's 128-byte
// boundary above which values are stored indirectly).
type (
	Struct16 struct {
		F   int64
		pad [1]int64
	}
	Struct64 struct {
		F   int64
		pad [7]int64
	}
	Struct128 struct {
		F   int64
		pad [15]int64
	}
	Struct256 struct {
		F   int64
		pad [31]int64
	}
	Empty struct{}
)

// IntKeys returns n distinct int64 keys spread over the key space (a
// multiplicative sequence, so the map's hash sees no pattern).
func IntKeys(n int) []int64 {
	keys := make([]int64, n)
	for i := range keys {
		keys[i] = int64(uint64(i+1) * 0x9E3779B97F4A7C15 >> 1)
	}
	return keys
}

// StringKeys returns n distinct keys of exactly length bytes each.
func StringKeys(n, length int) []string {
	keys := make([]string, n)
	buf := make([]byte, 0, length)
	for i := range keys {
		buf = buf[:0]
		buf = strconv.AppendInt(buf, int64(i), 36)
		// '.' is not a base-36 digit, so the padding never makes two keys equal.
		buf = append(buf, '.')
		for len(buf) < length {
			buf = append(buf, byte('a'+len(buf)%26))
		}
		keys[i] = string(buf[:length])
	}
	return keys
}

// MakeStruct16 and friends build value i of each value type.
func MakeInt64(i int) int64           { return int64(i) }
func MakeStruct16(i int) Struct16     { return Struct16{F: int64(i)} }
func MakeStruct64(i int) Struct64     { return Struct64{F: int64(i)} }
func MakeStruct128(i int) Struct128   { return Struct128{F: int64(i)} }
func MakeStruct256(i int) Struct256   { return Struct256{F: int64(i)} }
func MakePtrStruct64(i int) *Struct64 { return &Struct64{F: int64(i)} }
func MakeEmpty(i int) Empty           { return Empty{} }

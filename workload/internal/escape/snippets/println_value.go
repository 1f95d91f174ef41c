package snippets

import "fmt"

// PrintlnValue is the seed's "escapes" example: fmt.Println(v) converts v to interface{}.
func PrintlnValue(m map[int]string) {
	for _, v := range m {
		fmt.Println(v)
	}
}

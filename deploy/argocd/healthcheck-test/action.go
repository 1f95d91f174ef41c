package healthcheck

import (
	"fmt"

	lua "github.com/yuin/gopher-lua"
)

// Discover runs a resource-action discovery script (discovery.lua) as Argo CD does and returns
// the offered actions by name, each with its settings (disabled, iconClass, displayName).
func Discover(script string, objJSON []byte) (map[string]map[string]any, error) {
	L, err := run(script, objJSON)
	if err != nil {
		return nil, err
	}
	defer L.Close()
	ret, ok := L.Get(-1).(*lua.LTable)
	if !ok {
		return nil, fmt.Errorf("discovery returned %s, want a table of actions", L.Get(-1).Type())
	}
	actions := map[string]map[string]any{}
	var bad error
	ret.ForEach(func(k, v lua.LValue) {
		settings, ok := fromLua(v).(map[string]any)
		if k.Type() != lua.LTString || !ok {
			bad = fmt.Errorf("discovery entry %v = %v: want name = {settings}", k, v)
			return
		}
		actions[k.String()] = settings
	})
	return actions, bad
}

// RunAction runs a resource action script (action.lua) as Argo CD does and returns the object it
// returns (Argo CD then updates the live object to it).
func RunAction(script string, objJSON []byte) (map[string]any, error) {
	L, err := run(script, objJSON)
	if err != nil {
		return nil, err
	}
	defer L.Close()
	out, ok := fromLua(L.Get(-1)).(map[string]any)
	if !ok {
		return nil, fmt.Errorf("action returned %s, want the object", L.Get(-1).Type())
	}
	return out, nil
}

// fromLua converts back as Argo CD does: a table with only keys 1..n is an array, any other table
// an object (an empty table an object, which is what an annotations map needs).
func fromLua(v lua.LValue) any {
	switch t := v.(type) {
	case *lua.LNilType:
		return nil
	case lua.LBool:
		return bool(t)
	case lua.LNumber:
		return float64(t)
	case lua.LString:
		return string(t)
	case *lua.LTable:
		if n := t.Len(); n > 0 && countKeys(t) == n {
			arr := make([]any, 0, n)
			for i := 1; i <= n; i++ {
				arr = append(arr, fromLua(t.RawGetInt(i)))
			}
			return arr
		}
		m := map[string]any{}
		t.ForEach(func(k, val lua.LValue) { m[k.String()] = fromLua(val) })
		return m
	default:
		return v.String()
	}
}

func countKeys(t *lua.LTable) int {
	n := 0
	t.ForEach(func(lua.LValue, lua.LValue) { n++ })
	return n
}

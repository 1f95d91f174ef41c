// Package healthcheck runs Argo CD resource health scripts the way Argo CD does: the object is
// converted to a Lua table, bound to the global `obj`, the script runs in gopher-lua (the
// interpreter Argo CD embeds), and the returned table's `status` and `message` are read.
package healthcheck

import (
	"encoding/json"
	"fmt"

	lua "github.com/yuin/gopher-lua"
)

// Health is what a health script returns.
type Health struct {
	Status  string
	Message string
}

// validStatuses are the health statuses Argo CD understands (health.HealthStatusCode).
var validStatuses = map[string]bool{
	"Healthy": true, "Progressing": true, "Degraded": true, "Suspended": true, "Missing": true, "Unknown": true,
}

// Evaluate runs script with the JSON object objJSON as `obj` and returns its verdict.
// Like Argo CD, it opens only safe standard libraries (no os, io, or module loading).
func Evaluate(script string, objJSON []byte) (Health, error) {
	var obj any
	if err := json.Unmarshal(objJSON, &obj); err != nil {
		return Health{}, fmt.Errorf("object is not JSON: %w", err)
	}
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{
		{lua.BaseLibName, lua.OpenBase},
		{lua.TabLibName, lua.OpenTable},
		{lua.StringLibName, lua.OpenString},
		{lua.MathLibName, lua.OpenMath},
	} {
		L.Push(L.NewFunction(lib.open))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	L.SetGlobal("obj", toLua(L, obj))
	if err := L.DoString(script); err != nil {
		return Health{}, fmt.Errorf("script failed: %w", err)
	}
	ret, ok := L.Get(-1).(*lua.LTable)
	if !ok {
		return Health{}, fmt.Errorf("script returned %s, want a table {status, message}", L.Get(-1).Type())
	}
	h := Health{Status: lua.LVAsString(ret.RawGetString("status")), Message: lua.LVAsString(ret.RawGetString("message"))}
	if !validStatuses[h.Status] {
		return h, fmt.Errorf("script returned status %q, which Argo CD does not know", h.Status)
	}
	return h, nil
}

// toLua converts decoded JSON to Lua values as Argo CD's conversion does: objects and arrays
// become tables (arrays 1-based), numbers LNumber, null nil.
func toLua(L *lua.LState, v any) lua.LValue {
	switch t := v.(type) {
	case nil:
		return lua.LNil
	case bool:
		return lua.LBool(t)
	case float64:
		return lua.LNumber(t)
	case string:
		return lua.LString(t)
	case []any:
		tbl := L.NewTable()
		for i, item := range t {
			tbl.RawSetInt(i+1, toLua(L, item))
		}
		return tbl
	case map[string]any:
		tbl := L.NewTable()
		for k, item := range t {
			tbl.RawSetString(k, toLua(L, item))
		}
		return tbl
	default:
		panic(fmt.Sprintf("unexpected JSON value %T", v))
	}
}

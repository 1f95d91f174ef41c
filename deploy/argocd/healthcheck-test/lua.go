// Package healthcheck runs Argo CD resource health scripts the way Argo CD does (util/lua in
// Argo CD): the object is converted to a Lua table, bound to the global `obj`, the script runs in
// gopher-lua (the interpreter Argo CD embeds) with the libraries Argo CD opens and its 1 s
// timeout, and the returned table's `status` and `message` are read.
package healthcheck

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

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

// argoTimeout is how long Argo CD lets a health script run (util/lua: a 1 s context).
const argoTimeout = time.Second

// Evaluate runs script with the JSON object objJSON as `obj` in the environment Argo CD gives a
// health script from argocd-cm (useOpenLibs unset): only the package, base and table libraries
// and a reduced os library (clock, date, difftime, time); no string, math, io or debug. A script
// calling string.format or math.floor passes a plain Lua interpreter and fails in Argo CD; here
// it fails too.
func Evaluate(script string, objJSON []byte) (Health, error) {
	L, err := run(script, objJSON)
	if err != nil {
		return Health{}, err
	}
	defer L.Close()
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

// run executes script with objJSON bound to `obj` in Argo CD's sandbox; the caller reads the
// returned value at the top of the stack and closes the state.
func run(script string, objJSON []byte) (*lua.LState, error) {
	var obj any
	if err := json.Unmarshal(objJSON, &obj); err != nil {
		return nil, fmt.Errorf("object is not JSON: %w", err)
	}
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{
		{lua.LoadLibName, lua.OpenPackage},
		{lua.BaseLibName, lua.OpenBase},
		{lua.TabLibName, lua.OpenTable},
		{lua.OsLibName, openSafeOs},
	} {
		L.Push(L.NewFunction(lib.open))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	ctx, cancel := context.WithTimeout(context.Background(), argoTimeout)
	defer cancel()
	L.SetContext(ctx)
	L.SetGlobal("obj", toLua(L, obj))
	if err := L.DoString(script); err != nil {
		L.Close()
		return nil, fmt.Errorf("script failed: %w", err)
	}
	return L, nil
}

// safeOsFunctions are the os functions Argo CD's reduced os library keeps.
var safeOsFunctions = []string{"clock", "date", "difftime", "time"}

// openSafeOs opens gopher-lua's os library and keeps only safeOsFunctions, like Argo CD's
// OpenSafeOs (no execute, exit, getenv, remove, rename, tmpname, setenv, setlocale).
func openSafeOs(L *lua.LState) int {
	L.Push(L.NewFunction(lua.OpenOs))
	L.Push(lua.LString(lua.OsLibName))
	L.Call(1, 1)
	full := L.Get(-1).(*lua.LTable)
	L.Pop(1)
	safe := L.NewTable()
	for _, name := range safeOsFunctions {
		safe.RawSetString(name, full.RawGetString(name))
	}
	L.SetGlobal(lua.OsLibName, safe)
	L.Push(safe)
	return 1
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

// Package shapes holds one function per heap-site shape. Each line that the compiler reports
// ends with a "want" comment listing heapscope's expected classification as shape:via pairs.
// Built with -gcflags='-m=2 -l' (no inlining) by crates/heapscope_explain/tests/shapes.rs.
package shapes

import (
	"fmt"
	"reflect"
	"strconv"
)

type T struct{ a, b int }

func (t *T) M() int { return t.a }

var global *int
var gany any
var gfn func() int
var gs []*int
var gstr string

type Holder struct {
	p *int
	v any
}

func AddrReturned() *int { x := 1; return &x } // want address-of-local:returned

func AddrGlobal() { x := 1; global = &x } // want address-of-local:stored

func AddrThroughPtr(h *Holder) { x := 2; h.p = &x } // want address-of-local:field

func AddrLoopOuter() {
	var p *int
	for i := 0; i < 3; i++ {
		x := i // want address-of-local:outer-variable
		p = &x
	}
	_ = p
}

func AddrAppended() { x := 3; gs = append(gs, &x) } // want address-of-local:appended append-growth:stored

func AddrMap(m map[string]*int) { x := 1; m["a"] = &x } // want address-of-local:stored

func AddrChan(c chan *int) { x := 1; c <- &x } // want address-of-local:sent

func AddrPassed() { x := 1; keep(&x) } // want address-of-local:argument

func IfaceReturn(n int) any { return n } // want interface-conversion:returned

func IfaceAssign(n int) { gany = n } // want interface-conversion:stored

func IfaceParam(n int) { sinkAny(n) } // want interface-conversion:argument

func IfaceField(h *Holder, n int) { h.v = n } // want interface-conversion:field

func IfaceFieldValue(h *Holder, t T) { h.v = t.a } // want interface-conversion:field

func Variadic(n int) { fmt.Println(n) } // want variadic-interface:variadic

func Sprintf(n int) string { return fmt.Sprintf("%d", n) } // want variadic-interface:variadic

func ClosureByRef() func() int {
	c := 0                 // want closure-capture:captured
	return func() int {    // want closure:returned
		c++
		return c
	}
}

func ClosureStored(x int) { gfn = func() int { return x } } // want closure:stored

func MakeNonConst(n int) []int { return make([]int, n) } // want make:returned

func MakeNonConstLocal(n int) int { s := make([]int, n); return len(s) } // want non-constant-make:non-constant-size

func MakeLarge() int { s := make([]byte, 70000); return len(s) } // want too-large:too-large

func VarLarge() int { var a [200000]byte; return int(a[0]) } // want too-large:too-large

func NewEscapes() *T { return new(T) } // want new-object:returned

func PtrLit() *T { return &T{1, 2} } // want new-object:returned

func SliceLit() []int { return []int{1, 2, 3} } // want composite-literal:returned

func MapLit() map[string]int { return map[string]int{"a": 1} } // want composite-literal:returned

func MakeMap() map[int]int { return make(map[int]int) } // want make:returned

func StrConv(b []byte) string { return string(b) } // want string-conversion:returned

func BytesConv(s string) []byte { return []byte(s) } // want string-conversion:returned

func StrConvStored(b []byte) { gany = string(b) } // want interface-conversion:stored string-conversion:stored

func Concat(a string) string { return a + "!" } // want string-concat:returned

func MethodValue(t *T) func() int { return t.M } // want method-value:returned parameter-leak:unknown

func GoStmt(x *int) { go func() { *x++ }() } // want closure:goroutine parameter-leak:captured

func DeferLoop() {
	for i := 0; i < 3; i++ {
		defer func() { _ = i }() // want closure:deferred
	}
}

func Leak(p *int) { global = p } // want parameter-leak:stored

func LeakContent(pp **int) { global = *pp } // want parameter-leak:stored

func Reflect(x int) reflect.Value { return reflect.ValueOf(x) } // want interface-conversion:returned

func AppendGrow(n int) []int {
	var s []int
	for i := 0; i < n; i++ {
		s = append(s, i) // want append-growth:returned
	}
	return s
}

func Itoa(n int) { gstr = strconv.Itoa(n) }

//go:noinline
func sinkAny(v any) { gany = v } // want parameter-leak:stored

//go:noinline
func keep(p *int) { global = p } // want parameter-leak:stored

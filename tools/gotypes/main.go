// Command gotypes prints, for the Go packages named on its command line,
// one line per identifier occurrence recorded by go/types (Info.Defs and
// Info.Uses), sorted by position:
//
//	file:line:col<TAB>name<TAB>kind<TAB>type[<TAB>constant value]
//
// kind is one of var const type func pkgname label builtin nil; type is
// types.TypeString(t, nil); constants get a fifth column with their
// constant.Value.ExactString(). This is the reference output heapscope's
// `debug types` is compared against.
//
// Usage: gotypes [-errors] [-goarch=amd64] import/path|./dir|file.go...
//
// Packages are located with go/build (build.Default: GOOS, GOARCH,
// CGO_ENABLED and the toolchain's experiment tags from the environment);
// dependencies are type-checked from source (go/importer "source").
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

type line struct {
	pos   token.Position
	order int // defs before uses at the same position
	text  string
}

func main() {
	showErrors := flag.Bool("errors", false, "print type-checking errors to stderr")
	goarch := flag.String("goarch", runtime.GOARCH, "architecture for types.SizesFor")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: gotypes [-errors] [-goarch=amd64] packages...")
		os.Exit(2)
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	cwd, _ := os.Getwd()
	nerr := 0
	out := os.Stdout

	var files []string
	var pkgs []string
	for _, a := range flag.Args() {
		if strings.HasSuffix(a, ".go") {
			files = append(files, a)
		} else {
			pkgs = append(pkgs, a)
		}
	}
	type job struct {
		path  string
		dir   string
		files []string
	}
	var jobs []job
	if len(files) > 0 {
		var abs []string
		for _, f := range files {
			p, _ := filepath.Abs(f)
			abs = append(abs, p)
		}
		jobs = append(jobs, job{"command-line-arguments", filepath.Dir(abs[0]), abs})
	}
	for _, p := range pkgs {
		bp, err := build.Default.Import(p, cwd, 0)
		if err != nil {
			fmt.Fprintf(os.Stderr, "gotypes: %v\n", err)
			nerr++
			continue
		}
		var fs []string
		for _, f := range bp.GoFiles {
			fs = append(fs, filepath.Join(bp.Dir, f))
		}
		jobs = append(jobs, job{bp.ImportPath, bp.Dir, fs})
	}

	for _, j := range jobs {
		var astFiles []*ast.File
		for _, f := range j.files {
			af, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
			if err != nil {
				fmt.Fprintf(os.Stderr, "%v\n", err)
				nerr++
			}
			if af != nil {
				astFiles = append(astFiles, af)
			}
		}
		info := &types.Info{
			Defs:      map[*ast.Ident]types.Object{},
			Uses:      map[*ast.Ident]types.Object{},
			Instances: map[*ast.Ident]types.Instance{},
		}
		conf := types.Config{
			Importer: imp.(types.ImporterFrom),
			Sizes:    types.SizesFor("gc", *goarch),
			Error: func(err error) {
				nerr++
				if *showErrors {
					fmt.Fprintln(os.Stderr, err)
				}
			},
		}
		conf.Check(j.path, fset, astFiles, info)

		var lines []line
		add := func(id *ast.Ident, obj types.Object, order int) {
			if obj == nil {
				return
			}
			kind, typ, val := describe(obj)
			// An identifier denoting an instantiated generic function or
			// type: the type go/types records for the identifier itself.
			if inst, ok := info.Instances[id]; ok && order == 1 {
				typ = types.TypeString(inst.Type, nil)
			}
			text := fmt.Sprintf("%s\t%s\t%s", id.Name, kind, typ)
			if val != "" {
				text += "\t" + val
			}
			lines = append(lines, line{fset.Position(id.Pos()), order, text})
		}
		for id, obj := range info.Defs {
			add(id, obj, 0)
		}
		for id, obj := range info.Uses {
			add(id, obj, 1)
		}
		sort.Slice(lines, func(a, b int) bool {
			pa, pb := lines[a].pos, lines[b].pos
			if pa.Filename != pb.Filename {
				return pa.Filename < pb.Filename
			}
			if pa.Offset != pb.Offset {
				return pa.Offset < pb.Offset
			}
			if lines[a].order != lines[b].order {
				return lines[a].order < lines[b].order
			}
			return lines[a].text < lines[b].text
		})
		for _, l := range lines {
			fmt.Fprintf(out, "%s:%d:%d\t%s\n", l.pos.Filename, l.pos.Line, l.pos.Column, l.text)
		}
	}
	if nerr > 0 {
		fmt.Fprintf(os.Stderr, "gotypes: %d errors\n", nerr)
		os.Exit(1)
	}
}

// describe returns the kind, type string and (for constants) exact value.
func describe(obj types.Object) (kind, typ, val string) {
	typ = types.TypeString(obj.Type(), nil)
	switch o := obj.(type) {
	case *types.Var:
		kind = "var"
	case *types.Const:
		kind = "const"
		val = o.Val().ExactString()
	case *types.TypeName:
		kind = "type"
	case *types.Func:
		kind = "func"
	case *types.PkgName:
		kind = "pkgname"
		typ = o.Imported().Path()
	case *types.Label:
		kind = "label"
		typ = ""
	case *types.Builtin:
		kind = "builtin"
	case *types.Nil:
		kind = "nil"
	default:
		kind = fmt.Sprintf("%T", obj)
	}
	return
}

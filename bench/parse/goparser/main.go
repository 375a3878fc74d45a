// Command goparser is the go/parser side of bench_parse: it reads every .go
// file under a root into memory, then parses them all single-threaded with
// go/parser (ParseComments|SkipObjectResolution) and prints
// "files N bytes B parse_ns T errors E".
package main

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

func main() {
	root := os.Args[1]
	var names []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_") {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	srcs := make([][]byte, len(names))
	total := 0
	for i, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		srcs[i] = b
		total += len(b)
	}
	errs := 0
	start := time.Now()
	for i, n := range names {
		fset := token.NewFileSet()
		if _, err := parser.ParseFile(fset, n, srcs[i], parser.ParseComments|parser.SkipObjectResolution); err != nil {
			errs++
		}
	}
	el := time.Since(start)
	fmt.Printf("files %d bytes %d parse_ns %d errors %d\n", len(names), total, el.Nanoseconds(), errs)
}

// Command gotypecheck is the go/types side of bench_typecheck: it reads a
// manifest of packages in import order (written by bench_typecheck from
// go_loader's result, so both sides check exactly the same packages and
// files), parses every file with go/parser (ParseComments|
// SkipObjectResolution) and type-checks every package once with go/types,
// dependencies first. Its importer returns the already-checked
// *types.Package of each import, so no package is checked twice (unlike
// importer.ForCompiler("source"), which re-checks dependencies per
// importer). Info records Types, Defs, Uses and Instances, the maps
// heapscope's checker fills.
//
// Usage: gotypecheck [-parallel] [-goarch amd64] MANIFEST
//
// The manifest has one record per line, tab-separated:
//
//	P <import path>          starts a package
//	I <resolved import>      an import of the current package
//	M <as written> <resolved> an import-map (vendoring) entry
//	F <file>                 a Go file of the current package
//
// Sequential mode parses all files, then checks the packages one after
// another in manifest order. With -parallel, files are parsed by
// GOMAXPROCS goroutines, and each package is checked as soon as all its
// imports are checked, at most GOMAXPROCS at a time (the scheme
// golang.org/x/tools/go/packages uses). With -pipelined, there is no
// separate parse phase: when a package's imports are checked, one job
// reads and parses its files, checks it, and drops its syntax trees and
// Info (at most GOMAXPROCS jobs at a time); check_ns covers it all.
//
// It prints one line: "packages N files F bytes B lines L parse_ns P
// check_ns C parse_cpu_ns PC check_cpu_ns CC type_errors T syntax_errors S
// peak_rss_kb R". parse_ns includes reading the files; reading the
// manifest is not timed. The _cpu_ns figures are user+system CPU time of
// the whole process (all threads, GC included) during each phase.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

type pkg struct {
	path      string
	imports   []string
	importMap map[string]string
	files     []string
	asts      []*ast.File
	deps      []int // indices of loaded imports
	done      chan struct{}
	types     *types.Package
}

func readManifest(name string) ([]*pkg, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var pkgs []*pkg
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 2 {
			continue
		}
		if fields[0] == "P" {
			pkgs = append(pkgs, &pkg{path: fields[1], importMap: map[string]string{}, done: make(chan struct{})})
			continue
		}
		if len(pkgs) == 0 {
			return nil, errors.New("manifest: record before first package")
		}
		p := pkgs[len(pkgs)-1]
		switch fields[0] {
		case "I":
			p.imports = append(p.imports, fields[1])
		case "M":
			if len(fields) != 3 {
				return nil, fmt.Errorf("manifest: bad line %q", sc.Text())
			}
			p.importMap[fields[1]] = fields[2]
		case "F":
			p.files = append(p.files, fields[1])
		default:
			return nil, fmt.Errorf("manifest: bad line %q", sc.Text())
		}
	}
	return pkgs, sc.Err()
}

// importer resolves imports of one package to already-checked packages.
type importer struct {
	p     *pkg
	index map[string]int
	pkgs  []*pkg
}

func (im importer) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if r, ok := im.p.importMap[path]; ok {
		path = r
	}
	i, ok := im.index[path]
	if !ok || im.pkgs[i].types == nil {
		return nil, fmt.Errorf("package %q not checked before %q", path, im.p.path)
	}
	return im.pkgs[i].types, nil
}

func peakRSSKB() int64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
			return kb
		}
	}
	return 0
}

// cpuNs is the user+system CPU time of this process so far (all threads,
// including the garbage collector's), in nanoseconds.
func cpuNs() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func main() {
	parallel := flag.Bool("parallel", false, "parse and check independent packages concurrently")
	pipelined := flag.Bool("pipelined", false, "parse and check each package as one job, when its imports are checked (implies -parallel)")
	goarch := flag.String("goarch", "amd64", "architecture for types.SizesFor")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: gotypecheck [-parallel|-pipelined] [-goarch amd64] MANIFEST")
		os.Exit(2)
	}
	pkgs, err := readManifest(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "gotypecheck:", err)
		os.Exit(1)
	}
	index := map[string]int{}
	nfiles := 0
	for i, p := range pkgs {
		index[p.path] = i
		nfiles += len(p.files)
	}
	for _, p := range pkgs {
		for _, imp := range p.imports {
			if j, ok := index[imp]; ok {
				p.deps = append(p.deps, j)
			}
		}
		p.asts = make([]*ast.File, len(p.files))
	}
	sizes := types.SizesFor("gc", *goarch)
	workers := runtime.GOMAXPROCS(0)
	if !*parallel && !*pipelined {
		workers = 1
	}

	// Parse (reading included).
	fset := token.NewFileSet()
	var nbytes, nlines, syntaxErrs, readErrs atomic.Int64
	type job struct{ p, f int }
	jobs := make(chan job, nfiles)
	start, cpu0 := time.Now(), cpuNs()
	parseOne := func(j job) {
		p := pkgs[j.p]
		src, err := os.ReadFile(p.files[j.f])
		if err != nil {
			fmt.Fprintln(os.Stderr, "gotypecheck:", err)
			readErrs.Add(1)
			return
		}
		nbytes.Add(int64(len(src)))
		nlines.Add(int64(bytes.Count(src, []byte{'\n'})))
		af, err := parser.ParseFile(fset, p.files[j.f], src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			syntaxErrs.Add(1)
		}
		p.asts[j.f] = af
	}
	if *pipelined {
		// parsing happens per package below
	} else if workers == 1 {
		for i, p := range pkgs {
			for k := range p.files {
				parseOne(job{i, k})
			}
		}
	} else {
		for i, p := range pkgs {
			for k := range p.files {
				jobs <- job{i, k}
			}
		}
		close(jobs)
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range jobs {
					parseOne(j)
				}
			}()
		}
		wg.Wait()
	}
	parseNs, parseCPU := time.Since(start).Nanoseconds(), cpuNs()-cpu0
	if readErrs.Load() > 0 {
		os.Exit(1)
	}

	// Check, dependencies first.
	var typeErrs atomic.Int64
	check := func(p *pkg) {
		var files []*ast.File
		for _, f := range p.asts {
			if f != nil {
				files = append(files, f)
			}
		}
		info := &types.Info{
			Types:     map[ast.Expr]types.TypeAndValue{},
			Defs:      map[*ast.Ident]types.Object{},
			Uses:      map[*ast.Ident]types.Object{},
			Instances: map[*ast.Ident]types.Instance{},
		}
		conf := types.Config{
			Importer: importer{p, index, pkgs},
			Sizes:    sizes,
			Error:    func(error) { typeErrs.Add(1) },
		}
		tp, _ := conf.Check(p.path, fset, files, info)
		if p.path == "unsafe" {
			// Importers get the universe's unsafe, as with any importer.
			tp = types.Unsafe
		}
		p.types = tp
	}
	start, cpu0 = time.Now(), cpuNs()
	if *pipelined {
		// One job per package: parse its files, check it, drop the trees
		// and Info (only the *types.Package is kept for importers).
		sem := make(chan struct{}, workers)
		var wg sync.WaitGroup
		for i, p := range pkgs {
			wg.Add(1)
			go func(i int, p *pkg) {
				defer wg.Done()
				for _, d := range p.deps {
					<-pkgs[d].done
				}
				sem <- struct{}{}
				for k := range p.files {
					parseOne(job{i, k})
				}
				check(p)
				p.asts = nil
				<-sem
				close(p.done)
			}(i, p)
		}
		wg.Wait()
	} else if workers == 1 {
		for _, p := range pkgs {
			check(p)
		}
	} else {
		sem := make(chan struct{}, workers)
		var wg sync.WaitGroup
		for _, p := range pkgs {
			wg.Add(1)
			go func(p *pkg) {
				defer wg.Done()
				for _, d := range p.deps {
					<-pkgs[d].done
				}
				sem <- struct{}{}
				check(p)
				<-sem
				close(p.done)
			}(p)
		}
		wg.Wait()
	}
	checkNs, checkCPU := time.Since(start).Nanoseconds(), cpuNs()-cpu0
	fmt.Printf("packages %d files %d bytes %d lines %d parse_ns %d check_ns %d parse_cpu_ns %d check_cpu_ns %d type_errors %d syntax_errors %d peak_rss_kb %d\n",
		len(pkgs), nfiles, nbytes.Load(), nlines.Load(), parseNs, checkNs, parseCPU, checkCPU, typeErrs.Load(), syntaxErrs.Load(), peakRSSKB())
}

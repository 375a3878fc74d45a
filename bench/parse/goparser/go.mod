module heapscope.dev/bench/goparser

go 1.22

module heapscope.dev/tools/gotypes

go 1.22

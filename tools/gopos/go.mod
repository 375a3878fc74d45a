module heapscope.dev/tools/gopos

go 1.22

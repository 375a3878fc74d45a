module heapscope.dev/examples

go 1.26

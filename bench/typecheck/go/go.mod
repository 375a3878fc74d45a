module heapscope.dev/bench/gotypecheck

go 1.22

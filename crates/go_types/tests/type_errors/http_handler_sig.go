package p

import "net/http"

func hello(w http.ResponseWriter, r http.Request) {
	w.Write("hello")
}

func setup() {
	http.HandleFunc("/", hello)
}

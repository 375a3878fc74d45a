package p

type Server struct {
	Host string
	Port int
}

func newServer() Server {
	return Server{Host: "localhost", port: 8080, Debug: true}
}

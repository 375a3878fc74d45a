package p

type Config struct {
	Timeout Duration
	Retries int
}

func newConfig() *Config {
	return &Config{Retries: 3}
}

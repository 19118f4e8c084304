package cfg

type Config struct {
	Name string
}

type Other struct{ A int }

//go-weave:woven
//line input.go:1:1
package cfg; import (__weave_time "time")

type Config struct {
	Name string

//line <go-weave:field>:1
__weaveStarted __weave_time.Time
//line input.go:5:1
}

type Other struct{ A int }

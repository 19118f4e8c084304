package flags

var Enabled bool

var Debug bool = false

var Name string

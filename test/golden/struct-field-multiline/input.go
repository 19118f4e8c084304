package net

type Transport struct {
	// Proxy is used.
	Proxy string

	Timeout int // seconds
}

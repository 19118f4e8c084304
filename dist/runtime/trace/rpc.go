package trace

import "strconv"

// rpcStatusNames are the gRPC status codes by number, spelt as the OpenTelemetry RPC conventions
// record them (rpc.response.status_code, error.type).
var rpcStatusNames = [...]string{
	"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
	"ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
	"OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
}

// RPCStatusName is a gRPC status code's name ("NOT_FOUND"), or its number for a code gRPC does
// not define. Woven gRPC servers and clients call it (the runtime cannot import grpc's codes).
func RPCStatusName(code uint32) string {
	if code < uint32(len(rpcStatusNames)) {
		return rpcStatusNames[code]
	}
	return strconv.FormatUint(uint64(code), 10)
}

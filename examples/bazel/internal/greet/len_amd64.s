#include "textflag.h"

// func nameLen(s string) int
TEXT ·nameLen(SB), NOSPLIT, $0-24
	MOVQ s_len+8(FP), AX
	MOVQ AX, ret+16(FP)
	RET

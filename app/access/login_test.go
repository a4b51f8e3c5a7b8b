package access

import (
	"strconv"
	"testing"
	"time"
)

func TestLoginDelay(t *testing.T) {
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{-1, 0},
		{0, 0},
		{1, 0},
		{3, 0},
		{4, 5 * time.Second},
		{5, 10 * time.Second},
		{6, 20 * time.Second},
		{7, 40 * time.Second},
		{8, 80 * time.Second},
		{9, 160 * time.Second},
		{10, 5 * time.Minute}, // 320 s, capped
		{11, 5 * time.Minute},
		{1 << 30, 5 * time.Minute}, // no overflow, no endless loop
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.failures), func(t *testing.T) {
			if got := LoginDelay(tt.failures); got != tt.want {
				t.Errorf("LoginDelay(%d) = %v, want %v", tt.failures, got, tt.want)
			}
		})
	}
}

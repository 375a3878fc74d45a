package p

import (
	"errors"
	"fmt"
)

func f() error {
	err := errors.New("x")
	if err != nil {
		return fmt.Errorf("wrap: %w", err), nil
	}
	return err.Message
}

package store_test

import (
	"testing"

	"twofold.app/app/store"
	"twofold.app/app/store/storetest"
)

func TestMem(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return store.NewMem() })
}

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"consult/internal/clock"
	"consult/internal/database"
	"consult/models"
)

// checkpointFileName is the audit checkpoint's file in CONSULT_DATA_DIR.
const checkpointFileName = "audit-checkpoint.json"

// checkpointer writes an audit checkpoint to the log and to a file at start and then at every
// interval, so that deleting the newest audit events is seen by `consult audit verify --checkpoint`.
type checkpointer struct {
	db    *database.DB
	path  string
	log   *slog.Logger
	clock clock.Clock
	// skip tells that no checkpoint can be taken yet (a migration is pending).
	skip func() bool
}

// run writes a checkpoint now and every interval until ctx ends.
func (c *checkpointer) run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if !c.skip() {
			if err := c.write(ctx); err != nil && ctx.Err() == nil {
				c.log.Error("audit checkpoint failed", "error", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// write takes a checkpoint, logs it and replaces the file, unless the trail no longer reaches the
// checkpoint already in the file: that one is kept as evidence, and the new one only logged.
func (c *checkpointer) write(ctx context.Context) error {
	cp, err := models.TakeAuditCheckpoint(ctx, c.db.DB, c.clock.Now())
	if err != nil {
		return err
	}
	attrs := []any{"events", cp.Events, "head", cp.Head, "at", cp.At.Format(time.RFC3339)}
	old, err := readCheckpoint(c.path)
	if err == nil {
		err = models.CheckAuditCheckpoint(ctx, c.db.DB, old)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		c.log.Error("audit checkpoint not written: the audit trail does not reach the checkpoint in the file, which is kept for `consult audit verify --checkpoint`",
			append(attrs, "file", c.path, "error", err)...)
		return nil
	}
	if err := writeCheckpoint(c.path, cp); err != nil {
		return err
	}
	c.log.Info("audit checkpoint", append(attrs, "file", c.path)...)
	return nil
}

// readCheckpoint reads a checkpoint file.
func readCheckpoint(path string) (*models.AuditCheckpoint, error) {
	b, err := os.ReadFile(path) //nolint:gosec // the path comes from the operator's configuration or command line
	if err != nil {
		return nil, err
	}
	var cp models.AuditCheckpoint
	if err := json.Unmarshal(b, &cp); err != nil {
		return nil, fmt.Errorf("%s is not an audit checkpoint: %w", path, err)
	}
	return &cp, nil
}

// writeCheckpoint replaces the file at once (write beside, then rename), so that a reader never
// sees half a checkpoint.
func writeCheckpoint(path string, cp *models.AuditCheckpoint) error {
	b, err := json.MarshalIndent(cp, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".audit-checkpoint-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
